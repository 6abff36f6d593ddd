using AdversarialSampling.Attacks;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// <c>{"type": "random", ...}</c>: the random-displacement baseline (<see cref="RandomDisplacement"/>): each seed moved
/// once by N(0, <c>displacementStd</c>²) per free component (Å, default 0.1), or with <c>"distribution": "uniform"</c>
/// by U(−ε, ε) with ε = <c>uniformHalfWidth</c> (Å, required then; the paper code's random attacker). Keys: <c>starts</c>, <c>maxTries</c>,
/// <c>batchSize</c>, <c>energyMode</c>, <c>energyReference</c>, <c>bounds</c>; needs a temperature (its own or the run's).
/// </summary>
internal sealed record RandomExplorerConfig : ExplorerConfig
{
    /// <summary>Applies the item's values over the library defaults.</summary>
    public required Func<RandomDisplacementOptions, RandomDisplacementOptions> Overrides { get; init; }

    /// <summary>Reads the item (its <c>type</c> was read).</summary>
    /// <param name="o">The item.</param>
    /// <returns>The configuration.</returns>
    public static ExplorerConfig? Read(ConfigObject o)
    {
        var (share, temperature) = ReadCommon(o);
        double? std = o.Number("displacementStd");
        var distribution = o.Choice("distribution", Choices.Distributions);
        double? halfWidth = o.Number("uniformHalfWidth");
        int? starts = o.Int("starts"), tries = o.Int("maxTries"), batch = o.Int("batchSize");
        var (_, objective, bounds) = ReadRestraints(o);
        return new RandomExplorerConfig
        {
            Path = o.Path,
            Share = share,
            Temperature = temperature,
            Overrides = options => options with
            {
                Objective = objective(options.Objective),
                Bounds = bounds(options.Bounds),
                DisplacementStd = std ?? options.DisplacementStd,
                Distribution = distribution ?? options.Distribution,
                UniformHalfWidth = halfWidth ?? options.UniformHalfWidth,
                Starts = starts ?? options.Starts,
                MaxTries = tries ?? options.MaxTries,
                BatchSize = batch ?? options.BatchSize,
            },
        };
    }

    /// <inheritdoc />
    public override IAdversarialAttack? Create(ExplorerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Temperature is null && context.Temperature is null)
        {
            context.Problems.Add(Path, "the random explorer needs a temperature (for its objective and energy ceiling): set \"temperature\" here or at the top level.");
            return null;
        }

        var options = Overrides(new RandomDisplacementOptions());
        options = options with { Objective = Objective(options.Objective, context) };
        return Valid(context, options.Validate()) ? new RandomDisplacement(options) : null;
    }
}
