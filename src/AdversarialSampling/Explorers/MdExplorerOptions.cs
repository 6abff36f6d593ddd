using System.Globalization;
using AdversarialSampling.Dynamics;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Explorers;

/// <summary>
/// Settings of <see cref="MdExplorer"/>: committee MD from every seed (Langevin at <see cref="TemperatureK"/> by
/// default), frames sampled every <see cref="SampleInterval"/> steps and kept when their uncertainty exceeds the
/// threshold. Defaults: Langevin (BAOAB, friction 0.01 fs⁻¹) at 300 K, 0.5 fs, 2000 steps (1 ps), a frame every 20
/// steps (10 fs), one trajectory per seed, threshold = 80th percentile of the training set's uncertainty under the
/// committee, force variance (unbiased), a generic explosion check (no pair below 0.5 Å, every atom's nearest
/// neighbour within 3 Å).
/// </summary>
public sealed record MdExplorerOptions
{
    /// <summary>Default explosion check: no pair closer than 0.5 Å, every atom's nearest neighbour within 3 Å
    /// (<see cref="StabilityMode.NearestNeighbor"/>). Use <see cref="StabilityChecker.Ammonia"/> for the paper's NH3 criterion.</summary>
    public static StabilityChecker DefaultStability { get; } = new(0.5, 3.0, StabilityMode.NearestNeighbor);

    /// <summary>Temperature of the Maxwell–Boltzmann start and of the Langevin bath (K, finite, ≥ 0); default 300 K.</summary>
    public double TemperatureK { get; init; } = 300;

    /// <summary>Ensemble: <see cref="ThermostatKind.Langevin"/> (default) or <see cref="ThermostatKind.None"/> (NVE from MB velocities).</summary>
    public ThermostatKind Thermostat { get; init; } = ThermostatKind.Langevin;

    /// <summary>Langevin friction (1/fs, positive); default 0.01 fs⁻¹.</summary>
    public double FrictionPerFs { get; init; } = 0.01;

    /// <summary>Time step (fs, positive); default 0.5 fs.</summary>
    public double TimeStepFs { get; init; } = 0.5;

    /// <summary>Steps per trajectory (≥ 1); default 2000.</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Steps between frames whose uncertainty is evaluated (≥ 1); default 20. Only these frames can become candidates.</summary>
    public int SampleInterval { get; init; } = 20;

    /// <summary>Independent trajectories per seed (different velocities and noise; outcome <c>Start</c> = replica index); default 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>An explicit uncertainty threshold (unit of <see cref="Metric"/>); a frame is collected when its uncertainty is above it.
    /// Default null: the <see cref="ThresholdPercentile"/>-th percentile of the training set's uncertainty under the committee.</summary>
    public UncertaintyThreshold? Threshold { get; init; }

    /// <summary>Percentile (0–100) of the training uncertainties used as threshold when <see cref="Threshold"/> is null; default 80 (as the selection's default).</summary>
    public double ThresholdPercentile { get; init; } = 80;

    /// <summary>The uncertainty; default <see cref="ForceVariance"/> (unbiased, eV²/Å²).</summary>
    public IDifferentiableUncertaintyMetric Metric { get; init; } = new ForceVariance();

    /// <summary>The explosion check applied every step; a trajectory that breaks it stops (recorded) and its later frames are never
    /// collected. Default <see cref="DefaultStability"/>; null disables it (then only non-finite values stop a trajectory).</summary>
    public StabilityChecker? Stability { get; init; } = DefaultStability;

    /// <summary>Stop a trajectory once it has collected this many frames (≥ 1); default null (run every step).</summary>
    public int? StopAfterFrames { get; init; }

    /// <summary>Most trajectories integrated together as one graph batch (≥ 1); default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Steps between neighbour-list rebuilds of cutoff models (≥ 1); default 1 (exact).</summary>
    public int NeighborRefreshInterval { get; init; } = 1;

    /// <summary>The MD options of a run with these settings.</summary>
    /// <param name="seed">Seed of the velocities and noise (replica r uses seed + 2r and seed + 2r + 1).</param>
    /// <returns>The options.</returns>
    public MdOptions ToMdOptions(int seed) => new()
    {
        TimeStepFs = TimeStepFs,
        Steps = Steps,
        InitialTemperatureK = TemperatureK,
        Thermostat = Thermostat,
        FrictionPerFs = FrictionPerFs,
        Seed = seed,
        SampleInterval = SampleInterval,
        Stability = Stability,
    };

    /// <summary>Problems with the settings (empty when valid), one message each naming the setting.</summary>
    /// <returns>Messages.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, FormattableString message)
        {
            if (!ok)
            {
                problems.Add(message.ToString(CultureInfo.InvariantCulture));
            }
        }

        Check(TemperatureK >= 0 && double.IsFinite(TemperatureK), $"TemperatureK must be finite and ≥ 0 K; found {TemperatureK}.");
        Check(Enum.IsDefined(Thermostat), $"Thermostat {(int)Thermostat} is not a defined ThermostatKind.");
        Check(FrictionPerFs > 0 && double.IsFinite(FrictionPerFs), $"FrictionPerFs must be positive and finite (1/fs); found {FrictionPerFs}.");
        Check(TimeStepFs > 0 && double.IsFinite(TimeStepFs), $"TimeStepFs must be positive and finite (fs); found {TimeStepFs}.");
        Check(Steps >= 1, $"Steps must be ≥ 1; found {Steps}.");
        Check(SampleInterval >= 1, $"SampleInterval must be ≥ 1; found {SampleInterval}.");
        Check(Replicas >= 1, $"Replicas must be ≥ 1; found {Replicas}.");
        Check(ThresholdPercentile >= 0 && ThresholdPercentile <= 100, $"ThresholdPercentile must be in [0, 100]; found {ThresholdPercentile}.");
        Check(Metric is not null, $"Metric must not be null.");
        if (Threshold is { } t && Metric is not null)
        {
            Check(t.Unit == Metric.Unit, $"Threshold is in {t.Unit.Symbol()} but the metric {Metric.Name} is in {Metric.Unit.Symbol()}.");
            Check(!double.IsNaN(t.Value), $"Threshold must not be NaN.");
        }

        Check(StopAfterFrames is null or >= 1, $"StopAfterFrames must be ≥ 1 or null; found {StopAfterFrames}.");
        Check(BatchSize >= 1, $"BatchSize must be ≥ 1; found {BatchSize}.");
        Check(NeighborRefreshInterval >= 1, $"NeighborRefreshInterval must be ≥ 1; found {NeighborRefreshInterval}.");
        return problems;
    }
}
