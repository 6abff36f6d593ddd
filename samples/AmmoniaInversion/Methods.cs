using AdversarialSampling.Attacks;
using AdversarialSampling.Dynamics;
using AdversarialSampling.Explorers;
using AdversarialSampling.Loop;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>How each compared method explores. Everything else (committee, selection, retraining, oracle, seeds) is shared.</summary>
public static class Methods
{
    /// <summary>Temperature of the MD-based active learning (K): the stability test's 1500 K, where the committee must hold.</summary>
    public const double MdTemperatureK = 1500;

    /// <summary>
    /// The MD explorer of mdActiveLearning: Langevin (BAOAB, 0.01 fs⁻¹) at <see cref="MdTemperatureK"/>, 0.5 fs, up to 2000 steps
    /// (1 ps; 200 in smoke runs) from every training structure, uncertainty every 50 steps (25 fs, about the period of the
    /// umbrella mode, so a frame is not just its seed), the trajectory stopped at its first frame above the threshold (the 80th
    /// percentile of the training uncertainty) and that frame returned — the classic "run MD until the committee is uncertain,
    /// label that frame" loop; the paper's NH3 explosion window stops exploding runs.
    /// </summary>
    /// <param name="smoke">CI-sized run.</param>
    /// <returns>The options.</returns>
    public static MdExplorerOptions MdExplorerOptions(bool smoke) => new()
    {
        TemperatureK = MdTemperatureK,
        Thermostat = ThermostatKind.Langevin,
        TimeStepFs = 0.5,
        Steps = smoke ? 200 : 2000,
        SampleInterval = 50,
        Stability = StabilityChecker.Ammonia,
        StopAfterFrames = 1,
        NeighborRefreshInterval = CommitteeProbe.NeighborRefreshInterval,
    };

    /// <summary>Adds the method's explorer.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="method">A <see cref="MethodKeys"/> key.</param>
    /// <param name="initial">The initial data (for the library defaults).</param>
    /// <param name="options">The sample's options (smoke size, the default attack's factors).</param>
    /// <returns>The builder.</returns>
    public static ActiveLearningLoopBuilder Configure(ActiveLearningLoopBuilder builder, string method, Dataset initial, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        bool smoke = options.Smoke;
        return method switch
        {
            MethodKeys.Adversarial => builder.AddExplorer(new GradientAttack(DefaultAttack(initial, options))),
            MethodKeys.AdversarialPaper => builder.AddExplorer(new GradientAttack(GradientAttackOptions.Paper(PaperSystem.Molecule))),
            MethodKeys.MdActiveLearning => builder.AddExplorer(new MdExplorer(MdExplorerOptions(smoke))),
            _ => throw new ArgumentException($"Unknown method '{method}'; known: {string.Join(", ", MethodKeys.All)}.", nameof(method)),
        };
    }

    /// <summary>The library-default attack from the initial data, with the sample's factor and metric overrides.</summary>
    /// <param name="initial">The initial data.</param>
    /// <param name="options">The sample's options.</param>
    /// <returns>The attack options.</returns>
    public static GradientAttackOptions DefaultAttack(Dataset initial, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var attack = GradientAttackOptions.Default(initial, temperatureSpreads: options.AttackKTSpreads, ceilingSpreads: options.AttackCeilingSpreads);
        return attack with { Objective = attack.Objective with { Metric = AttackMetric(options) }, SoftModes = options.AttackSoftModes };
    }

    /// <summary>The uncertainty the library-default attack climbs and its loop's selection ranks (--attack-metric): force variance (default) or energy variance.</summary>
    /// <param name="options">The sample's options.</param>
    /// <returns>A new metric instance (unbiased estimator, as the library's defaults).</returns>
    public static IDifferentiableUncertaintyMetric AttackMetric(SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AttackMetric == "energy" ? new EnergyVariance() : new ForceVariance();
    }
}
