using AdversarialSampling.Attacks;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// <c>{"type": "uniform", "box": {...}, ...}</c>: uniform points in a box (<see cref="UniformBoxSampler"/>); every free
/// axis needs finite bounds. Keys: <c>box</c> (required), <c>starts</c>, <c>batchSize</c>; the temperature (its own,
/// else the run's, else none) only enters the reported objective.
/// </summary>
internal sealed record UniformExplorerConfig : ExplorerConfig
{
    /// <summary>The box (Å).</summary>
    public required AttackBox Box { get; init; }

    /// <summary>Points per seed, or null (default 1).</summary>
    public int? Starts { get; init; }

    /// <summary>Batch size, or null (default 256).</summary>
    public int? BatchSize { get; init; }

    /// <summary>Reads the item (its <c>type</c> was read).</summary>
    /// <param name="o">The item.</param>
    /// <returns>The configuration, or null without a box.</returns>
    public static ExplorerConfig? Read(ConfigObject o)
    {
        var (share, temperature) = ReadCommon(o);
        bool hasBox = o.Require("box");
        var box = BoundsConfig.ReadBox(o, "box");
        int? starts = o.Int("starts"), batch = o.Int("batchSize");
        return hasBox && box is not null
            ? new UniformExplorerConfig { Path = o.Path, Share = share, Temperature = temperature, Box = box, Starts = starts, BatchSize = batch }
            : null;
    }

    /// <inheritdoc />
    public override IAdversarialAttack? Create(ExplorerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var d = new UniformBoxSamplerOptions { Box = Box };
        var objective = d.Objective with { Temperature = Temperature ?? context.Temperature ?? global::AdversarialSampling.Temperature.Infinite };
        var options = d with
        {
            Objective = context.Metric is Uncertainty.IDifferentiableUncertaintyMetric metric ? objective with { Metric = metric } : objective,
            Starts = Starts ?? d.Starts,
            BatchSize = BatchSize ?? d.BatchSize,
        };
        return Valid(context, options.Validate()) ? new UniformBoxSampler(options) : null;
    }
}
