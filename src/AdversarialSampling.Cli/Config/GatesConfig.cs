using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// The <c>gates</c> section: <c>geometry</c> {<c>covalentFactor</c> (default 0.5), <c>minimumDistance</c> Å (default 0)}
/// before the oracle, <c>physics</c> {<c>maxForceNorm</c> eV/Å (default 100, null = no bound),
/// <c>maxEnergyDeviationPerAtom</c> eV/atom (default 10), <c>referenceEnergy</c> ("none" (default) or
/// "initialDataMedian": the median initial energy of the same formula)} after it.
/// </summary>
internal sealed record GatesConfig
{
    /// <summary>JSON path of the section.</summary>
    public string Path { get; init; } = "$.gates";

    /// <summary>Covalent factor, or null (default).</summary>
    public double? CovalentFactor { get; init; }

    /// <summary>Minimum distance (Å), or null (default).</summary>
    public double? MinimumDistance { get; init; }

    /// <summary>Largest force norm (eV/Å); null = default; +∞ = no bound.</summary>
    public double? MaxForceNorm { get; init; }

    /// <summary>Largest energy deviation (eV/atom), or null (default).</summary>
    public double? MaxEnergyDeviationPerAtom { get; init; }

    /// <summary>Whether the physics gate compares energies with the initial data's median per formula.</summary>
    public bool ReferenceFromInitialData { get; init; }

    /// <summary>Reads the section.</summary>
    /// <param name="o">The section.</param>
    /// <returns>The configuration.</returns>
    public static GatesConfig Read(ConfigObject o)
    {
        var config = new GatesConfig { Path = o.Path };
        if (o.Object("geometry") is { } g)
        {
            config = config with { CovalentFactor = g.Number("covalentFactor"), MinimumDistance = g.Number("minimumDistance") };
            g.Finish();
        }

        if (o.Object("physics") is { } p)
        {
            config = config with
            {
                MaxForceNorm = p.IsNull("maxForceNorm") ? double.PositiveInfinity : p.Number("maxForceNorm"),
                MaxEnergyDeviationPerAtom = p.Number("maxEnergyDeviationPerAtom"),
                ReferenceFromInitialData = p.Choice("referenceEnergy", Choices.ReferenceEnergies) ?? false,
            };
            p.Finish();
        }

        o.Finish();
        return config;
    }

    /// <summary>The geometry gate.</summary>
    /// <param name="problems">Where problems go.</param>
    /// <returns>The gate, or null (problem recorded).</returns>
    public GeometryGate? Geometry(ConfigProblems problems)
    {
        var d = new GeometryGate();
        return problems.Try(Path + ".geometry", () => new GeometryGate
        {
            CovalentFactor = CovalentFactor ?? d.CovalentFactor,
            MinimumDistance = MinimumDistance ?? d.MinimumDistance,
        });
    }

    /// <summary>The physics gate.</summary>
    /// <param name="initial">The initial data (for <c>referenceEnergy: initialDataMedian</c>).</param>
    /// <param name="problems">Where problems go.</param>
    /// <returns>The gate, or null (problem recorded).</returns>
    public PhysicsGate? Physics(Dataset initial, ConfigProblems problems)
    {
        var d = new PhysicsGate();
        return problems.Try(Path + ".physics", () => new PhysicsGate
        {
            MaxForceNorm = MaxForceNorm ?? d.MaxForceNorm,
            MaxEnergyDeviationPerAtom = MaxEnergyDeviationPerAtom ?? d.MaxEnergyDeviationPerAtom,
            ReferenceEnergy = ReferenceFromInitialData ? PhysicsGate.MedianEnergyByFormula(initial) : null,
        });
    }
}
