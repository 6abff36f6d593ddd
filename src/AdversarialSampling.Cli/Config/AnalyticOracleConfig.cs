using AdversarialSampling.Potentials;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// <c>{"type": "analytic", "surface": NAME, ...}</c>: an analytic surface as the oracle. Surfaces: <c>doubleWell2D</c>,
/// <c>doubleWell1D</c>, <c>mullerBrown</c> (no parameters), <c>lennardJones</c> (<c>epsilon</c> eV, <c>sigma</c> Å,
/// optional <c>cutoff</c> Å (default 2.5σ) and <c>shiftToZero</c> (default true)) and <c>morse</c> (<c>depth</c> eV,
/// <c>stiffness</c> 1/Å, <c>equilibriumDistance</c> Å, <c>cutoff</c> Å, optional <c>shiftToZero</c>).
/// </summary>
/// <param name="Path">The section's JSON path.</param>
/// <param name="Factory">Creates the surface (may throw <see cref="ArgumentException"/> for bad parameters).</param>
internal sealed record AnalyticOracleConfig(string Path, Func<AnalyticPotential> Factory) : OracleConfig
{
    private static readonly KeyValuePair<string, Func<ConfigObject, Func<AnalyticPotential>?>>[] Surfaces =
    [
        new("doubleWell2D", _ => () => new DoubleWell2D()),
        new("doubleWell1D", _ => () => new DoubleWell1D()),
        new("mullerBrown", _ => () => new MullerBrown()),
        new("lennardJones", ReadLennardJones),
        new("morse", ReadMorse),
    ];

    /// <summary>Reads the section (its <c>type</c> was read).</summary>
    /// <param name="o">The section.</param>
    /// <returns>The configuration, or null (problems recorded).</returns>
    public static OracleConfig? Read(ConfigObject o)
        => Discriminated.Read(o, "surface", Surfaces, finish: false) is { } factory ? new AnalyticOracleConfig(o.Path, factory) : null;

    /// <inheritdoc />
    public override IOracle? Create(string runDirectory, ConfigProblems problems, Microsoft.Extensions.Logging.ILoggerFactory? logging = null) => problems.Try(Path, Factory);

    private static Func<AnalyticPotential>? ReadLennardJones(ConfigObject o)
    {
        bool ok = o.Require("epsilon") & o.Require("sigma");
        double? epsilon = o.Number("epsilon"), sigma = o.Number("sigma"), cutoff = o.Number("cutoff");
        bool shift = o.Bool("shiftToZero") ?? true;
        return ok && epsilon is double e && sigma is double s ? () => new LennardJones(e, s, cutoff, shift) : null;
    }

    private static Func<AnalyticPotential>? ReadMorse(ConfigObject o)
    {
        bool ok = o.Require("depth") & o.Require("stiffness") & o.Require("equilibriumDistance") & o.Require("cutoff");
        double? depth = o.Number("depth"), stiffness = o.Number("stiffness"), r0 = o.Number("equilibriumDistance"), cutoff = o.Number("cutoff");
        bool shift = o.Bool("shiftToZero") ?? true;
        return ok && depth is double d && stiffness is double a && r0 is double r && cutoff is double c ? () => new Morse(d, a, r, c, shift) : null;
    }
}
