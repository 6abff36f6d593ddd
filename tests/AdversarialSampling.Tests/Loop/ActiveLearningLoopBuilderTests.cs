using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.Explorers;
using AdversarialSampling.Loop;
using AdversarialSampling.Models;
using AdversarialSampling.Oracles;
using AdversarialSampling.Potentials;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.Runs;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Tests.Loop;

/// <summary>Issue #5 acceptance: one test per Build() validation rule, asserting the exact message; several problems are listed at once.</summary>
public sealed class ActiveLearningLoopBuilderTests : IDisposable
{
    private static readonly Temperature KT5 = Temperature.FromThermalEnergy(5);
    private readonly string _root = RunTestKit.NewDirectory("loop-builder-");

    public void Dispose() => RunTestKit.DeleteDirectory(_root);

    private string RunDir => Path.Combine(_root, "run");

    private static Dataset Initial { get; } = DoubleWell2D.InitialTrainingSet(points: 100, seed: 1);

    private static GradientAttack Gradient(Temperature? t = null)
        => new(GradientAttackOptions.Paper() with { Objective = new AttackObjectiveOptions { Temperature = t ?? KT5 } });

    /// <summary>A valid configuration (TorchCommittee spec, DoubleWell2D oracle, one gradient explorer) minus the parts named.</summary>
    private ActiveLearningLoopBuilder Valid(params string[] without)
    {
        var b = ActiveLearningLoop.CreateBuilder();
        if (!without.Contains("committee"))
        {
            b.WithCommittee(new MlpSpec { AtomCount = 1, InputComponents = [0, 1], Width = 8, Depth = 2 }, new CommitteeOptions { Members = 3 });
        }

        if (!without.Contains("oracle"))
        {
            b.WithOracle(new DoubleWell2D());
        }

        if (!without.Contains("data"))
        {
            b.WithInitialData(Initial);
        }

        if (!without.Contains("dir"))
        {
            b.WithRunDirectory(RunDir);
        }

        if (!without.Contains("explorer"))
        {
            b.AddExplorer(Gradient());
        }

        return b;
    }

    private static string Single(ActiveLearningLoopBuilder builder)
        => Assert.Single(Assert.Throws<LoopConfigurationException>(builder.Build).Problems);

    [Fact]
    public void Build_ValidConfiguration_BuildsWithoutTouchingTheDisk()
    {
        var loop = Valid().Build();
        Assert.Equal(Path.GetFullPath(RunDir), loop.RunDirectory);
        Assert.Equal(ActiveLearningLoopBuilder.DefaultGenerations, loop.Generations);
        Assert.False(Directory.Exists(RunDir));
    }

    [Fact]
    public void Build_NoCommittee_SaysHowToAddOne()
        => Assert.Equal("No committee: call WithCommittee(spec, options) or WithCommittee(factory).", Single(Valid("committee")));

    [Fact]
    public void Build_NoOracle_SaysHowToAddOne()
        => Assert.Equal("No oracle: call WithOracle(oracle).", Single(Valid("oracle")));

    [Fact]
    public void Build_NoInitialData_SaysHowToAddIt()
        => Assert.Equal("No initial data: call WithInitialData(dataset).", Single(Valid("data")));

    [Fact]
    public void Build_NoRunDirectory_SaysHowToSetIt()
        => Assert.Equal("No run directory: call WithRunDirectory(path).", Single(Valid("dir")));

    [Fact]
    public void Build_BlankRunDirectory_IsMissing()
        => Assert.Equal("No run directory: call WithRunDirectory(path).", Single(Valid("dir").WithRunDirectory("  ")));

    [Fact]
    public void Build_NoExplorer_SaysHowToAddOne()
        => Assert.Equal("No explorer: call AddExplorer(attack, share) at least once.", Single(Valid("explorer")));

    [Fact]
    public void Build_ZeroGenerations_IsRejected()
        => Assert.Equal("Generations must be ≥ 1; found 0.", Single(Valid().WithGenerations(0)));

    [Fact]
    public void Build_ZeroOracleConcurrency_IsRejected()
        => Assert.Equal("Oracle concurrency must be ≥ 1; found 0.", Single(Valid().WithOracleConcurrency(0)));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.5, "1.5")]
    [InlineData(double.NaN, "NaN")]
    public void Build_FailureRatioOutsideZeroToOne_IsRejected(double ratio, string shown)
        => Assert.Equal($"MaxFailureRatio must be in (0, 1]; found {shown}.", Single(Valid().WithMaxFailureRatio(ratio)));

    [Fact]
    public void Build_ZeroRetryAttempts_IsRejected()
        => Assert.Equal("Infrastructure retry attempts must be ≥ 1; found 0.", Single(Valid().WithInfrastructureRetry(0, TimeSpan.Zero, TimeSpan.Zero)));

    [Fact]
    public void Build_NegativeRetryDelay_IsRejected()
        => Assert.Equal(
            "Infrastructure retry delays must not be negative; found -00:00:01 and 00:00:01.",
            Single(Valid().WithInfrastructureRetry(2, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1))));

    [Fact]
    public void Build_NegativeTrainingCheckpointInterval_IsRejected()
        => Assert.Equal(
            "The training checkpoint interval must be ≥ 0 (or Timeout.InfiniteTimeSpan for never); found -00:00:02.",
            Single(Valid().WithTrainingCheckpoints(TimeSpan.FromSeconds(-2))));

    [Fact]
    public void Build_TrainingCheckpointsNeverOrEveryEpoch_IsAccepted()
    {
        Assert.NotNull(Valid().WithTrainingCheckpoints(Timeout.InfiniteTimeSpan).Build());
        Assert.NotNull(Valid().WithTrainingCheckpoints(TimeSpan.Zero).Build());
    }

    [Fact]
    public void Build_UnsetTemperature_IsRejected()
        => Assert.Equal("Temperature must be positive (kT > 0 eV); found kT = 0 eV.", Single(Valid().WithTemperature(default)));

    [Fact]
    public void Build_ZeroShare_NamesTheExplorer()
        => Assert.Equal(
            "Explorer 1 (RandomDisplacement): share must be positive and finite; found 0.",
            Single(Valid().AddExplorer(new RandomDisplacement(new RandomDisplacementOptions { Objective = new() { Temperature = KT5 } }), 0)));

    [Fact]
    public void Build_GradientAttackWithNonDifferentiableCommittee_IsRejected()
        => Assert.Equal(
            "Explorer 0 (GradientAttack) needs a differentiable committee (TorchCommittee), but the committee factory makes RecordingCommittee; use WithCommittee(spec, options) or a factory returning TorchCommittee.",
            Single(Valid().WithCommittee(seed => new RecordingCommittee(seed))));

    [Fact]
    public void Build_MdExplorerWithNonDifferentiableCommittee_IsRejected()
        => Assert.Equal(
            "Explorer 0 (MdExplorer) needs a differentiable committee (TorchCommittee), but the committee factory makes RecordingCommittee; use WithCommittee(spec, options) or a factory returning TorchCommittee.",
            Single(Valid("explorer").AddExplorer(new MdExplorer()).WithCommittee(seed => new RecordingCommittee(seed))));

    [Fact]
    public void Build_MdExplorerNextToTheGradientAttack_IsAcceptedAndFingerprinted()
    {
        var loop = Valid().AddExplorer(new MdExplorer(new MdExplorerOptions { TemperatureK = 1234 }), 0.5).Build();

        Assert.Contains("MdExplorer", loop.Fingerprint, StringComparison.Ordinal);
        Assert.Contains("1234", loop.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_GradientAttackWithTorchCommitteeFactory_IsAccepted()
    {
        var loop = Valid().WithCommittee(seed => new TorchCommittee(new MlpSpec { AtomCount = 1, Width = 8, Depth = 2 }, new CommitteeOptions { Members = 2, Seed = seed })).Build();
        Assert.Contains("TorchCommittee", loop.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WarmStartWithCommitteeFactory_IsRejected()
        => Assert.Equal(
            "Retraining.Mode WarmStart needs a checkpointable committee (WithCommittee(spec, options)); a committee factory is trained from scratch every generation.",
            Single(Valid("explorer").AddExplorer(new FixedPointsAttack((0, 0))).WithCommittee(seed => new RecordingCommittee(seed)).WithRetraining(new RetrainingOptions { Mode = RetrainingMode.WarmStart })));

    [Fact]
    public void Build_LossWeightingWithANonTorchCommitteeFactory_IsRejected()
        => Assert.Equal(
            "Retraining.LossWeighting needs per-sample loss weights, which only TorchCommittee supports; the committee factory makes RecordingCommittee.",
            Single(Valid("explorer").AddExplorer(new FixedPointsAttack((0, 0))).WithCommittee(seed => new RecordingCommittee(seed))
                .WithRetraining(new RetrainingOptions { LossWeighting = new BoltzmannLossWeighting { ThermalEnergy = 1 } })));

    [Fact]
    public void Build_LossWeightingWithoutAPositiveTemperature_NamesTheSetting()
        => Assert.Equal(
            "Retraining.LossWeighting.ThermalEnergy must be positive and finite (eV); found 0.",
            Single(Valid().WithRetraining(new RetrainingOptions { LossWeighting = new BoltzmannLossWeighting { ThermalEnergy = 0 } })));

    [Fact]
    public void Build_TemperatureDisagreesWithAnExplorer_NamesBoth()
        => Assert.Equal(
            "Explorer 0 (GradientAttack) uses kT = 5 eV but WithTemperature gave kT = 1 eV; state one temperature.",
            Single(Valid().WithTemperature(Temperature.FromThermalEnergy(1))));

    [Fact]
    public void Build_TemperatureAgreesWithExplorers_IsAccepted()
        => Valid().WithTemperature(KT5).Build();

    [Fact]
    public void Build_InvalidCommitteeSpec_IsPrefixed()
        => Assert.Equal(
            "Committee: Width must be at least 1; found 0.",
            Single(Valid().WithCommittee(new MlpSpec { AtomCount = 1, Width = 0, Depth = 2 }, new CommitteeOptions { Members = 3 })));

    [Fact]
    public void Build_InvalidTrainingOptions_IsPrefixed()
        => Assert.Equal(
            "Committee: Training.Epochs must be ≥ 0; found -1.",
            Single(Valid().WithCommittee(new MlpSpec { AtomCount = 1, Width = 8, Depth = 2 }, new CommitteeOptions { Members = 3, Training = new TrainingOptions { Epochs = -1 } })));

    [Fact]
    public void Build_SingleMemberWithUnbiasedVariance_IsRejected()
        => Assert.Equal(
            "The uncertainty metric ForceVariance (unbiased variance) needs a committee of at least 2 members; found Members = 1.",
            Single(Valid().WithCommittee(new MlpSpec { AtomCount = 1, Width = 8, Depth = 2 }, new CommitteeOptions { Members = 1 })));

    [Fact]
    public void Build_SingleMemberWithPopulationVariance_IsAccepted()
        => Valid().WithCommittee(new MlpSpec { AtomCount = 1, Width = 8, Depth = 2 }, new CommitteeOptions { Members = 1 })
            .WithUncertainty(new ForceVariance(VarianceEstimator.Population)).Build();

    [Theory]
    [InlineData(SeedPolicyKind.LowestEnergy)]
    [InlineData(SeedPolicyKind.Random)]
    public void Build_SeedPolicyWithoutSeeds_IsRejected(SeedPolicyKind kind)
        => Assert.Equal($"SeedPolicy.{kind} needs k ≥ 1; found 0.", Single(Valid().WithSeedPolicy(new SeedPolicy(kind, 0))));

    [Fact]
    public void Build_ZeroReplicationWeight_IsRejected()
        => Assert.Equal("Retraining.ReplicationWeight must be ≥ 1; found 0.", Single(Valid().WithRetraining(new RetrainingOptions { ReplicationWeight = 0 })));

    [Fact]
    public void Build_ValidationFractionTooLarge_IsRejected()
        => Assert.Equal(
            "Retraining.ValidationFraction must be in [0, 1 − TrainFraction]; found 0.5 with TrainFraction 0.6.",
            Single(Valid().WithRetraining(new RetrainingOptions { ValidationFraction = 0.5 })));

    [Fact]
    public void Build_ZeroTrainFraction_IsRejected()
        => Assert.Equal("Retraining.TrainFraction must be in (0, 1]; found 0.", Single(Valid().WithRetraining(new RetrainingOptions { TrainFraction = 0, ValidationFraction = 0 })));

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Build_NewLabelValidationFractionOutsideZeroToOne_IsRejected(double fraction)
        => Assert.Equal(
            $"Retraining.NewLabelValidationFraction must be in [0, 1); found {fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}.",
            Single(Valid().WithRetraining(new RetrainingOptions { NewLabelValidationFraction = fraction })));

    [Fact]
    public void Build_NewLabelValidationFraction_EntersTheFingerprintOnlyWhenSet()
    {
        Assert.DoesNotContain("newLabelValidationFraction", Valid().Build().Fingerprint, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"newLabelValidationFraction\": 0.3", Valid().WithRetraining(new RetrainingOptions { NewLabelValidationFraction = 0.3 }).Build().Fingerprint, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Build_RandomDisplacementDistribution_EntersTheFingerprintOnlyWhenUniform()
    {
        var gaussian = new RandomDisplacementOptions { Objective = new() { Temperature = KT5 }, DisplacementStd = 0.38 };
        string before = Valid("explorer").AddExplorer(new RandomDisplacement(gaussian)).Build().Fingerprint;
        string after = Valid("explorer").AddExplorer(new RandomDisplacement(gaussian with { Distribution = DisplacementDistribution.Uniform, UniformHalfWidth = 0.63 })).Build().Fingerprint;

        Assert.DoesNotContain("distribution", before, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("uniformHalfWidth", before, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"distribution\": \"Uniform\"", after, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"uniformHalfWidth\": 0.63", after, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Build_AttackMetricOtherThanTheSelectionMetric_IsWarnedAndLoggedButBuilds()
    {
        var logs = new AdversarialSampling.Tests.TestSupport.ListLoggerFactory();
        var energyAttack = new GradientAttack(GradientAttackOptions.Paper() with { Objective = new AttackObjectiveOptions { Temperature = KT5, Metric = new EnergyVariance() } });
        var loop = Valid("explorer").AddExplorer(new MdExplorer(), 0.5).AddExplorer(energyAttack, 0.5).WithLogging(logs).Build();

        string expected = "Explorer 1 (GradientAttack) maximises EnergyVariance but selection thresholds ForceVariance (WithUncertainty); pass the same metric to both unless the mix is intended.";
        Assert.Equal([expected], loop.Warnings);
        Assert.Contains(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.EndsWith(expected, StringComparison.Ordinal));

        var md = Valid("explorer").AddExplorer(new MdExplorer()).WithUncertainty(new EnergyVariance()).Build();
        Assert.Equal(["Explorer 0 (MdExplorer) collects frames on ForceVariance but selection thresholds EnergyVariance (WithUncertainty); pass the same metric to both unless the mix is intended."], md.Warnings);
    }

    [Fact]
    public void Build_SameMetricWithAnotherEstimator_HasNoWarning()
    {
        var population = new GradientAttack(GradientAttackOptions.Paper() with { Objective = new AttackObjectiveOptions { Temperature = KT5, Metric = new ForceVariance(VarianceEstimator.Population) } });
        Assert.Empty(Valid("explorer").AddExplorer(population).Build().Warnings);
        Assert.Empty(Valid().Build().Warnings);
    }

    [Fact]
    public void Build_NonPositiveEnergyCeiling_IsRejected()
        => Assert.Equal("Retraining.EnergyCeiling must be positive and finite (eV) or null; found -1.", Single(Valid().WithRetraining(new RetrainingOptions { EnergyCeiling = -1 })));

    [Fact]
    public void Build_InvalidSelection_IsPrefixed()
        => Assert.Equal(
            "Selection: Invalid selection options: Percentile must be in [0, 100]; got 120.",
            Single(Valid().WithSelection(new SelectionOptions { Percentile = 120 })));

    [Fact]
    public void Build_ThresholdInAnotherUnit_NamesBothUnits()
        => Assert.Equal(
            $"Selection.Threshold is in {UncertaintyUnit.EnergyVariance.Symbol()} but the uncertainty metric ForceVariance gives {UncertaintyUnit.ForceVariance.Symbol()}.",
            Single(Valid().WithSelection(new SelectionOptions { Threshold = UncertaintyThreshold.EnergyVariance(0.1) })));

    [Fact]
    public void Build_PerComponentForceThresholdWithAnotherMetric_NamesTheMetric()
        => Assert.Equal(
            "Selection.PerComponentForceThreshold compares force-component variances and needs the ForceVariance metric; the uncertainty metric is EnergyVariance.",
            Single(Valid().WithUncertainty(new EnergyVariance()).WithSelection(new SelectionOptions { PerComponentForceThreshold = true })));

    [Fact]
    public void Build_EmptyInitialData_IsRejected()
        => Assert.Equal("The initial data is empty.", Single(Valid().WithInitialData(Dataset.Empty)));

    [Fact]
    public void Build_InitialDataWithoutForcesWhileTrainingOnForces_IsRejected()
    {
        var data = new Dataset([.. Initial.Take(3), new LabelledSample(DoubleWell2D.Particle(-0.7, 0), -3.9), new LabelledSample(DoubleWell2D.Particle(-0.8, 0), -3.9)]);
        Assert.Equal(
            "The initial data has 2 sample(s) without forces (first: sample 3), but the committee trains on forces (Training.ForceWeight = 10); label forces or set ForceWeight to 0.",
            Single(Valid().WithInitialData(data)));
    }

    [Fact]
    public void Build_InitialDataWithoutForcesAndEnergyOnlyTraining_IsAccepted()
        => Valid().WithInitialData(new Dataset([new LabelledSample(DoubleWell2D.Particle(-0.7, 0), -3.9), new LabelledSample(DoubleWell2D.Particle(-0.8, 0), -3.9)]))
            .WithCommittee(new MlpSpec { AtomCount = 1, Width = 8, Depth = 2 }, new CommitteeOptions { Members = 3, Training = new TrainingOptions { ForceWeight = 0 } })
            .Build();

    [Fact]
    public void Build_InitialDataTooSmallForATrainingSplit_IsRejected()
        => Assert.Equal(
            "The initial data (1 samples) leaves no training samples with Retraining.TrainFraction = 0.4.",
            Single(Valid().WithInitialData(new Dataset(Initial.Take(1))).WithRetraining(new RetrainingOptions { TrainFraction = 0.4 })));

    [Fact]
    public void Build_EverythingMissing_ListsEveryProblemAtOnce()
    {
        var e = Assert.Throws<LoopConfigurationException>(() => ActiveLearningLoop.CreateBuilder().WithGenerations(0).WithOracleConcurrency(-2).Build());
        Assert.Equal(
            [
                "No committee: call WithCommittee(spec, options) or WithCommittee(factory).",
                "No oracle: call WithOracle(oracle).",
                "No initial data: call WithInitialData(dataset).",
                "No run directory: call WithRunDirectory(path).",
                "No explorer: call AddExplorer(attack, share) at least once.",
                "Generations must be ≥ 1; found 0.",
                "Oracle concurrency must be ≥ 1; found -2.",
            ],
            e.Problems);
        Assert.StartsWith("The active-learning loop is misconfigured (7 problems):", e.Message, StringComparison.Ordinal);
        Assert.Contains(" - No oracle: call WithOracle(oracle).", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithNullArguments_ThrowAtOnce()
    {
        var b = ActiveLearningLoop.CreateBuilder();
        Assert.Throws<ArgumentNullException>(() => b.WithOracle(null!));
        Assert.Throws<ArgumentNullException>(() => b.AddExplorer(null!));
        Assert.Throws<ArgumentNullException>(() => b.WithCommittee((ModelSpec)null!));
        Assert.Throws<ArgumentNullException>(() => b.WithInitialData(null!));
    }

    [Fact]
    public async Task RunAsync_OracleFailsItsSetupCheck_ThrowsBeforeCreatingTheRunDirectory()
    {
        var loop = Valid().WithOracle(new BrokenOracle()).Build();
        var e = await Assert.ThrowsAsync<LoopConfigurationException>(async () =>
        {
            await foreach (var _ in loop.RunAsync())
            {
            }
        });
        Assert.Equal("The oracle broken failed its setup check (SetupError): the program 'dft' is not installed.", Assert.Single(e.Problems));
        Assert.False(Directory.Exists(RunDir));
    }

    private sealed class BrokenOracle : IOracle
    {
        public OracleIdentity Identity { get; } = new("broken", "1");

        public Task<OracleOutcome> LabelAsync(AtomicStructure structure, CancellationToken cancellationToken = default)
            => throw new InvalidOperationException("never called");

        public Task<OracleFailure?> CheckSetupAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<OracleFailure?>(new OracleFailure(OracleFailureKind.SetupError, "the program 'dft' is not installed."));
    }
}
