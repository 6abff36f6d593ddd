using AdversarialSampling.Dynamics;
using AdversarialSampling.Explorers;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// <c>{"type": "md", ...}</c>: MD-based active learning (<see cref="MdExplorer"/>, the baseline the paper compares
/// against): committee MD from every seed, frames kept when their uncertainty exceeds the threshold. Keys:
/// <c>temperatureK</c> (K, default 300), <c>thermostat</c> (<c>langevin</c> | <c>nve</c>, default langevin),
/// <c>frictionPerFs</c> (fs⁻¹, default 0.01), <c>timeStepFs</c> (fs, default 0.5), <c>steps</c> (default 2000),
/// <c>sampleInterval</c> (steps, default 20), <c>replicas</c> (trajectories per seed, default 1), <c>threshold</c>
/// (metric unit; default the <c>percentile</c>-th percentile, 80, of the training set's uncertainty),
/// <c>stopAfterFrames</c>, <c>batchSize</c> (default 256), <c>neighborRefreshInterval</c> (default 1),
/// <c>stability</c> ({<c>minDistance</c> Å, <c>maxDistance</c> Å, <c>mode</c> <c>allPairs</c> | <c>nearestNeighbor</c>},
/// default no pair below 0.5 Å and every nearest neighbour within 3 Å; <c>null</c> turns the check off).
/// </summary>
internal sealed record MdExplorerConfig : ExplorerConfig
{
    private static readonly KeyValuePair<string, ThermostatKind>[] Thermostats = [new("langevin", ThermostatKind.Langevin), new("nve", ThermostatKind.None)];
    private static readonly KeyValuePair<string, StabilityMode>[] Modes = [new("allPairs", StabilityMode.AllPairs), new("nearestNeighbor", StabilityMode.NearestNeighbor)];

    /// <summary>Applies the item's values over the library defaults.</summary>
    public required Func<MdExplorerOptions, MdExplorerOptions> Overrides { get; init; }

    /// <summary>The explicit threshold (metric unit), or null for the percentile rule.</summary>
    public double? Threshold { get; init; }

    /// <summary>Reads the item (its <c>type</c> was read).</summary>
    /// <param name="o">The item.</param>
    /// <returns>The configuration.</returns>
    public static ExplorerConfig? Read(ConfigObject o)
    {
        double share = o.Number("share") ?? 1;
        double? kelvin = o.Number("temperatureK"), friction = o.Number("frictionPerFs"), dt = o.Number("timeStepFs");
        var thermostat = o.Choice("thermostat", Thermostats);
        int? steps = o.Int("steps"), interval = o.Int("sampleInterval"), replicas = o.Int("replicas");
        double? threshold = o.Number("threshold"), percentile = o.Number("percentile");
        int? stopAfter = o.Int("stopAfterFrames"), batch = o.Int("batchSize"), refresh = o.Int("neighborRefreshInterval");
        bool stabilityOff = o.IsNull("stability");
        StabilityChecker? stability = null;
        if (!stabilityOff && o.Object("stability") is { } s)
        {
            var d = MdExplorerOptions.DefaultStability;
            double min = s.Number("minDistance") ?? d.MinDistance, max = s.Number("maxDistance") ?? d.MaxDistance;
            var mode = s.Choice("mode", Modes) ?? d.Mode;
            s.Finish();
            stability = new StabilityChecker(min, max, mode);
        }

        return new MdExplorerConfig
        {
            Path = o.Path,
            Share = share,
            Threshold = threshold,
            Overrides = options => options with
            {
                TemperatureK = kelvin ?? options.TemperatureK,
                Thermostat = thermostat ?? options.Thermostat,
                FrictionPerFs = friction ?? options.FrictionPerFs,
                TimeStepFs = dt ?? options.TimeStepFs,
                Steps = steps ?? options.Steps,
                SampleInterval = interval ?? options.SampleInterval,
                Replicas = replicas ?? options.Replicas,
                ThresholdPercentile = percentile ?? options.ThresholdPercentile,
                StopAfterFrames = stopAfter ?? options.StopAfterFrames,
                BatchSize = batch ?? options.BatchSize,
                NeighborRefreshInterval = refresh ?? options.NeighborRefreshInterval,
                Stability = stabilityOff ? null : stability ?? options.Stability,
            },
        };
    }

    /// <inheritdoc />
    public override IAdversarialAttack? Create(ExplorerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = Overrides(new MdExplorerOptions());
        if (context.Metric is IDifferentiableUncertaintyMetric metric)
        {
            options = options with { Metric = metric };
        }

        if (Threshold is double t)
        {
            options = options with { Threshold = new UncertaintyThreshold(t, options.Metric.Unit) };
        }

        return Valid(context, options.Validate()) ? new MdExplorer(options) : null;
    }
}
