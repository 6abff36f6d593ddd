using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Samples.Ammonia;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Samples;

public class AmmoniaSampleOptionsTests
{
    private static readonly ReferenceData Reference = new()
    {
        Key = "test",
        XtbVersion = "test",
        MinimumPositions = new double[12],
        MinimumEnergy = 0,
        PlanarPositions = new double[12],
        PlanarEnergy = 0,
        WavenumbersPerCm = [],
        XtbCalls = 0,
        XtbSeconds = 0,
        Draws = 0,
    };

    [Fact]
    public void Parse_NoArguments_GivesTheSampleCommitteeAndBothStabilityGenerations()
    {
        var o = SampleOptions.Parse([])!;
        var experiment = new LoopExperiment(o, Reference, Dataset.Empty, null!);

        var spec = experiment.Spec();
        var training = experiment.CommitteeOptions().Training;

        Assert.Equal((16, 2, 20, 4.0, 16, 16), (spec.Features, spec.Interactions, spec.Gaussians, spec.Cutoff, spec.FilterWidth, spec.ReadoutWidth));
        Assert.Equal((200, 40, 32, 3e-3, 1.0, 10.0), (training.Epochs, training.EarlyStoppingPatience, training.BatchSize, training.LearningRate, training.EnergyWeight, training.ForceWeight));
        Assert.True(experiment.StabilityGeneration(0));
        Assert.True(experiment.StabilityGeneration(o.Generations));
        Assert.False(experiment.StabilityGeneration(1));
    }

    [Fact]
    public void Parse_CommitteeLibrary_GivesTheLibraryDefaultSpecAndTraining()
    {
        var o = SampleOptions.Parse(["--committee", "library"])!;
        var experiment = new LoopExperiment(o, Reference, Dataset.Empty, null!);

        var spec = experiment.Spec();
        var training = experiment.CommitteeOptions().Training;
        var library = new TrainingOptions();

        Assert.Equal(new SchNetSpec(), spec);
        Assert.Equal((library.Epochs, library.EarlyStoppingPatience, library.BatchSize, library.LearningRate), (training.Epochs, training.EarlyStoppingPatience, training.BatchSize, training.LearningRate));
    }

    [Fact]
    public void Parse_OverridesAfterThePreset_AreKeptAndChangeTheSettingsKey()
    {
        var o = SampleOptions.Parse(["--committee", "library", "--features", "32", "--force-weight", "1", "--stability", "last"])!;
        var experiment = new LoopExperiment(o, Reference, Dataset.Empty, null!);
        var defaults = new LoopExperiment(SampleOptions.Parse([])!, Reference, Dataset.Empty, null!);

        Assert.Equal((32, 3, 32), (experiment.Spec().Features, experiment.Spec().Interactions, experiment.Spec().FilterWidth));
        Assert.Equal(1, experiment.CommitteeOptions().Training.ForceWeight);
        Assert.False(experiment.StabilityGeneration(0));
        Assert.True(experiment.StabilityGeneration(o.Generations));
        Assert.NotEqual(defaults.Settings, experiment.Settings);
        Assert.Contains("stability=last", experiment.Settings, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AttackAndLossWeightingOverrides_ReachTheDefaultAttackTheRetrainingAndTheSettingsKey()
    {
        var o = SampleOptions.Parse(["--attack-kT-spreads", "0.5", "--attack-ceiling-spreads", "3", "--attack-metric", "energy", "--loss-weighting-kT", "10"])!;
        var training = AdversarialSampling.Potentials.DoubleWell2D.InitialTrainingSet();
        double spread = training.Max(s => s.Energy) - training.Min(s => s.Energy);

        var attack = Methods.DefaultAttack(training, o);
        var plain = Methods.DefaultAttack(training, SampleOptions.Parse([])!);

        Assert.Equal(0.5 * spread, attack.Objective.Temperature.KT, 12);
        Assert.Equal(3 * spread, attack.Bounds.EnergyCeiling!.Value, 12);
        Assert.IsType<AdversarialSampling.Uncertainty.EnergyVariance>(attack.Objective.Metric);
        Assert.Equal(GradientAttackOptions.MolecularTemperatureFactor * spread, plain.Objective.Temperature.KT, 12);
        Assert.Equal(GradientAttackOptions.MolecularCeilingFactor * spread, plain.Bounds.EnergyCeiling!.Value, 12);
        Assert.IsType<AdversarialSampling.Uncertainty.ForceVariance>(plain.Objective.Metric);
        Assert.Equal(10 * Units.KcalPerMol, LoopExperiment.RetrainingFor(o).LossWeighting!.ThermalEnergy, 12);
        Assert.Null(LoopExperiment.RetrainingFor(SampleOptions.Parse([])!).LossWeighting);
        string key = new LoopExperiment(o, Reference, Dataset.Empty, null!).Settings;
        Assert.Contains("attack=kT0.5/ceiling3/", key, StringComparison.Ordinal);
        Assert.Contains(";lossWeightingKcal=10", key, StringComparison.Ordinal);
        Assert.Contains(";attackMetric=energy", key, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FarthestCap_ChangesEveryMethodsSelectionAndTheSettingsKey()
    {
        var o = SampleOptions.Parse(["--cap", "farthest"])!;
        Assert.True(o.FarthestPointCap);
        Assert.False(SampleOptions.Parse([])!.FarthestPointCap);
        var farthest = new LoopExperiment(o, Reference, Dataset.Empty, null!).Settings;
        var plain = new LoopExperiment(SampleOptions.Parse([])!, Reference, Dataset.Empty, null!).Settings;
        Assert.Equal(plain + ";cap=farthest", farthest);
        Assert.False(new LoopExperiment(o, Reference, Dataset.Empty, null!).SettingsMatch(plain, MethodKeys.MdActiveLearning)); // MD-AL loops are not reused across cap modes
        Assert.Equal(AdversarialSampling.Selection.CapMode.FarthestPoint, LoopExperiment.Selection(30, AdversarialSampling.Selection.CapMode.FarthestPoint).CapMode);
    }

    [Fact]
    public void Parse_AttackSoftModes_DefaultsToTheLibrarysAndOffRestoresTheEarlierSettingsKey()
    {
        var defaults = SampleOptions.Parse([])!;
        var off = SampleOptions.Parse(["--attack-soft-modes", "off"])!;
        Assert.Equal(AdversarialSampling.Attacks.GradientAttackOptions.MolecularSoftModes, defaults.AttackSoftModes);
        Assert.Null(off.AttackSoftModes);
        Assert.Equal(3, SampleOptions.Parse(["--attack-soft-modes", "3"])!.AttackSoftModes);
        Assert.Throws<ArgumentException>(() => SampleOptions.Parse(["--attack-soft-modes", "0"]));

        string soft = new LoopExperiment(defaults, Reference, Dataset.Empty, null!).Settings;
        string free = new LoopExperiment(off, Reference, Dataset.Empty, null!).Settings;
        Assert.Contains("/lr0.01;", free, StringComparison.Ordinal); // the key of the loops run before soft modes existed
        Assert.Equal(free.Replace("/lr0.01;", "/lr0.01/softModes1;", StringComparison.Ordinal), soft);
        Assert.True(new LoopExperiment(defaults, Reference, Dataset.Empty, null!).SettingsMatch(free, MethodKeys.MdActiveLearning)); // MD-AL loops are reused
        Assert.False(new LoopExperiment(defaults, Reference, Dataset.Empty, null!).SettingsMatch(free, MethodKeys.Adversarial));
    }

    [Theory]
    [InlineData("--attack-metric", "entropy", "--attack-metric takes force or energy; found 'entropy'.")]
    [InlineData("--stability", "first", "--stability takes first+last or last; found 'first'.")]
    [InlineData("--scheduler", "pbs", "--scheduler takes local or slurm; found 'pbs'.")]
    [InlineData("--cap", "nearest", "--cap takes random or farthest; found 'nearest'.")]
    public void Parse_UnknownChoice_NamesTheChoices(string option, string value, string expected)
        => Assert.Equal(expected, Assert.Throws<ArgumentException>(() => SampleOptions.Parse([option, value])).Message);

    [Fact]
    public void Parse_Choices_AreRead()
    {
        var o = SampleOptions.Parse(["--attack-metric", "energy", "--stability", "last", "--scheduler", "slurm"])!;
        Assert.Equal(("energy", false, "slurm"), (o.AttackMetric, o.StabilityFirst, o.Scheduler));
    }

    [Fact]
    public void SettingsMatch_AttackSettingsDecideOnlyTheAdversarialLoops()
    {
        var recorded = new LoopExperiment(SampleOptions.Parse(["--attack-ceiling-spreads", "2"])!, Reference, Dataset.Empty, null!).Settings;
        var otherAttack = new LoopExperiment(SampleOptions.Parse(["--attack-ceiling-spreads", "1.5", "--attack-metric", "energy"])!, Reference, Dataset.Empty, null!);
        var otherStability = new LoopExperiment(SampleOptions.Parse(["--attack-ceiling-spreads", "2", "--stability", "last"])!, Reference, Dataset.Empty, null!);

        Assert.False(otherAttack.SettingsMatch(recorded, MethodKeys.Adversarial));
        Assert.True(otherAttack.SettingsMatch(recorded, MethodKeys.MdActiveLearning));
        Assert.True(otherAttack.SettingsMatch(recorded, MethodKeys.AdversarialPaper));
        Assert.False(otherStability.SettingsMatch(recorded, MethodKeys.MdActiveLearning));
        Assert.False(otherStability.SettingsMatch(recorded, MethodKeys.Adversarial));
        Assert.DoesNotContain("attack", LoopExperiment.WithoutAttack(otherAttack.Settings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--attack-metric", "max-atom")]
    [InlineData("--attack-kT-spreads", "0")]
    [InlineData("--committee", "huge")]
    [InlineData("--stability", "every")]
    [InlineData("--energy-weight", "0")]
    public void Parse_BadValue_ThrowsNamingTheOption(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => SampleOptions.Parse([name, value]));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
