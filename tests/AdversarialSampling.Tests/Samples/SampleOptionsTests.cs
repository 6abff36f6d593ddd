using AdversarialSampling.Samples.DoubleWell;

namespace AdversarialSampling.Tests.Samples;

public class SampleOptionsTests
{
    [Fact]
    public void Parse_NoArguments_GivesTheDefaultRun()
    {
        var o = SampleOptions.Parse([])!;
        Assert.Equal((1, 7, 20, 64, 4), (o.Loops, o.Generations, o.Labels, o.Width, o.Depth));
        Assert.Equal(MethodKeys.Default, o.Methods);
        Assert.DoesNotContain(MethodKeys.AdversarialPaperCeiling, o.Methods);
        Assert.Equal(Path.Combine("out", "doublewell2d"), o.Out);
        Assert.Equal(5, o.Members);
        Assert.Equal(5, o.WeightingKt);
        Assert.False(o.LoopsGiven);
    }

    [Fact]
    public void Parse_LoopsAndWeightingKt_AreRecorded()
    {
        var o = SampleOptions.Parse(["--loops", "12", "--weighting-kt", "2.5", "--methods", "adversarialPaperCeiling,uniform"])!;
        Assert.Equal((12, true, 2.5), (o.Loops, o.LoopsGiven, o.WeightingKt));
        Assert.Equal([MethodKeys.AdversarialPaperCeiling, MethodKeys.Uniform], o.Methods);
    }

    [Fact]
    public void Parse_RetrainingDiagnostic_RecordsTheGenerationAndRepeats()
    {
        var o = SampleOptions.Parse(["--retraining-diagnostic", "7", "--retrain-repeats", "2", "--epochs", "800"])!;
        Assert.Equal((7, 2, 800), (o.RetrainingDiagnostic, o.RetrainRepeats, o.Epochs));
        var defaults = SampleOptions.Parse([])!;
        Assert.Equal((null, 3), (defaults.RetrainingDiagnostic, defaults.RetrainRepeats));
    }

    [Fact]
    public void Parse_Smoke_IsACiSizedRunThatLaterOptionsCanStillChange()
    {
        var o = SampleOptions.Parse(["--out", "x", "--smoke"])!;
        Assert.True(o.Smoke);
        Assert.Equal((1, 2, 5), (o.Loops, o.Generations, o.Labels));
        Assert.Equal("x", o.Out);
        Assert.True(o.Width <= 16 && o.Epochs <= 30);
    }

    [Fact]
    public void Parse_MethodsSubset_KeepsTheReportOrder()
    {
        var o = SampleOptions.Parse(["--methods", "uniform,adversarialPaper", "--loops", "20", "--first-seed", "7"])!;
        Assert.Equal([MethodKeys.AdversarialPaper, MethodKeys.Uniform], o.Methods);
        Assert.Equal(26, o.SeedOf(19));
    }

    [Theory]
    [InlineData("--loops", "0", "--loops")]
    [InlineData("--methods", "adversarial,magic", "magic")]
    [InlineData("--ceiling", "-1", "--ceiling")]
    [InlineData("--weighting-kt", "0", "--weighting-kt")]
    [InlineData("--attack-kt-spreads", "0", "--attack-kt-spreads")]
    [InlineData("--attack-ceiling-spreads", "-2", "--attack-ceiling-spreads")]
    [InlineData("--attack-steps", "0", "--attack-steps")]
    [InlineData("--retraining-diagnostic", "-1", "--retraining-diagnostic")]
    [InlineData("--retrain-repeats", "0", "--retrain-repeats")]
    [InlineData("--frobnicate", "1", "--frobnicate")]
    public void Parse_BadArgument_ThrowsNamingIt(string name, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => SampleOptions.Parse([name, value]));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AttackOverrides_ChangeOnlyTheDefaultsAttack()
    {
        var initial = AdversarialSampling.Potentials.DoubleWell2D.InitialTrainingSet(200, -2, seed: 0);
        var library = AdversarialSampling.Attacks.GradientAttackOptions.Default(initial, ComparisonMethods.Box);
        var plain = SampleOptions.Parse([])!;
        Assert.Null(plain.AttackKTSpreads);
        Assert.Null(plain.AttackCeilingSpreads);
        Assert.Null(plain.AttackSteps);
        // Compared as their record printouts (every member; some members compare by reference).
        Assert.Equal(library.ToString(), ComparisonMethods.DefaultsAttack(initial, plain).ToString());

        var o = SampleOptions.Parse(["--attack-kt-spreads", "1", "--attack-ceiling-spreads", "3", "--attack-steps", "150"])!;
        Assert.Equal((1.0, 3.0, 150), (o.AttackKTSpreads, o.AttackCeilingSpreads, o.AttackSteps));
        var variant = ComparisonMethods.DefaultsAttack(initial, o);
        var expected = AdversarialSampling.Attacks.GradientAttackOptions.Default(initial, ComparisonMethods.Box, temperatureSpreads: 1, ceilingSpreads: 3) with { Steps = 150 };
        Assert.Equal(expected.ToString(), variant.ToString());
        Assert.NotEqual(library.ToString(), variant.ToString());
        Assert.Equal(150, variant.Steps);
        Assert.Equal(library.Objective.Temperature.KT / 2, variant.Objective.Temperature.KT, 12);
    }

    [Theory]
    [InlineData(new string[0], MethodKeys.AdversarialPaper, "ReplicatedTraining")]
    [InlineData(new string[0], MethodKeys.AdversarialPaperWeighted, "ReplicatedTraining")]
    [InlineData(new string[0], MethodKeys.RandomDisplacement, "ReplicatedTraining")]
    [InlineData(new string[0], MethodKeys.Adversarial, "AllTraining")]
    [InlineData(new string[0], MethodKeys.Uniform, "AllTraining")]
    [InlineData(new[] { "--paper-seeding", "all" }, MethodKeys.AdversarialPaper, "AllTraining")]
    [InlineData(new[] { "--paper-seeding", "all" }, MethodKeys.RandomDisplacement, "AllTraining")]
    [InlineData(new[] { "--paper-seeding", "replicated" }, MethodKeys.RandomDisplacement, "ReplicatedTraining")]
    public void Configure_PaperSeeding_SeedsThePaperAttackersFromTheReplicatedTrainingSet(string[] args, string method, string policy)
    {
        var options = SampleOptions.Parse(args)!;
        var loop = BuildTinyLoop(method, options);

        Assert.Contains($"\"seedPolicy\": \"{policy}\"", loop.Fingerprint, StringComparison.Ordinal);
        Assert.Equal(ComparisonMethods.PaperSeeded(method) && options.PaperReplicatedSeeding, policy == "ReplicatedTraining");
    }

    [Theory]
    [InlineData(new string[0], MethodKeys.RandomDisplacement, true)]
    [InlineData(new[] { "--random-selection", "threshold" }, MethodKeys.RandomDisplacement, true)]
    [InlineData(new[] { "--random-selection", "unfiltered" }, MethodKeys.RandomDisplacement, false)]
    [InlineData(new string[0], MethodKeys.Uniform, false)]
    [InlineData(new[] { "--random-selection", "unfiltered" }, MethodKeys.AdversarialPaper, true)]
    public void Configure_RandomSelection_FiltersTheRandomAttackerLikeTheAdversarialOneByDefault(string[] args, string method, bool likePaper)
    {
        var options = SampleOptions.Parse(args)!;
        string paper = SelectionOf(MethodKeys.AdversarialPaper, options);
        string selection = SelectionOf(method, options);

        Assert.Equal(likePaper, selection == paper);
        // the Paper preset's selection has no fixed threshold (the 80th percentile of the training set's); the unfiltered one is 0
        Assert.Contains("\"threshold\": null", paper, StringComparison.Ordinal);
        if (!likePaper)
        {
            Assert.DoesNotContain("\"threshold\": null", selection, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--paper-selection", "notebook" }, true)]
    [InlineData(new[] { "--paper-selection", "library" }, false)]
    public void Configure_PaperSelection_DropsTheDistanceAndDedupRulesForThePaperAttackersOnly(string[] args, bool notebook)
    {
        var options = SampleOptions.Parse(args)!;
        Assert.Equal(notebook, options.NotebookSelection);
        var library = System.Text.Json.Nodes.JsonNode.Parse(SelectionOf(MethodKeys.Adversarial, options))!;
        Assert.Equal(0.1, library["distanceToTraining"]!.GetValue<double>());
        Assert.Equal("SingleLinkage", library["dedup"]!.GetValue<string>());
        foreach (string method in new[] { MethodKeys.AdversarialPaper, MethodKeys.AdversarialPaperWeighted, MethodKeys.RandomDisplacement })
        {
            var paper = System.Text.Json.Nodes.JsonNode.Parse(SelectionOf(method, options))!;
            Assert.Equal(notebook, paper["distanceToTraining"] is null);
            Assert.Equal(notebook ? "None" : "SingleLinkage", paper["dedup"]!.GetValue<string>());
            Assert.Equal(20, paper["cap"]!.GetValue<int>());
        }

        var uniform = System.Text.Json.Nodes.JsonNode.Parse(SelectionOf(MethodKeys.Uniform, options))!;
        Assert.Equal(0.1, uniform["distanceToTraining"]!.GetValue<double>());
        var error = Assert.Throws<ArgumentException>(() => SampleOptions.Parse(["--paper-selection", "paper"]));
        Assert.Equal("--paper-selection takes notebook or library; found 'paper'.", error.Message);
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--paper-percentile", "replicated" }, true)]
    [InlineData(new[] { "--paper-percentile", "each" }, false)]
    public void Configure_PaperPercentile_TakesThePaperAttackersThresholdOverTheReplicatedTrainingSetByDefault(string[] args, bool replicated)
    {
        var options = SampleOptions.Parse(args)!;
        Assert.Equal(replicated, options.ReplicatedPercentile);
        AssertPaperAttackersOnly(options, "percentileOverReplicatedTraining", replicated);

        var error = Assert.Throws<ArgumentException>(() => SampleOptions.Parse(["--paper-percentile", "unique"]));
        Assert.Equal("--paper-percentile takes replicated or each; found 'unique'.", error.Message);
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--paper-threshold", "components" }, true)]
    [InlineData(new[] { "--paper-threshold", "mean" }, false)]
    public void Configure_PaperThreshold_GivesThePaperAttackersThePerComponentRuleByDefault(string[] args, bool perComponent)
    {
        var options = SampleOptions.Parse(args)!;
        Assert.Equal(perComponent, options.PerComponentThreshold);
        AssertPaperAttackersOnly(options, "perComponentForceThreshold", perComponent);

        var error = Assert.Throws<ArgumentException>(() => SampleOptions.Parse(["--paper-threshold", "max"]));
        Assert.Equal("--paper-threshold takes components or mean; found 'max'.", error.Message);
    }

    /// <summary>The Paper-preset methods and randomDisplacement have the selection switch <paramref name="key"/> as given; the library defaults and uniform sampling never write it.</summary>
    private static void AssertPaperAttackersOnly(SampleOptions options, string key, bool expected)
    {
        foreach (string method in new[] { MethodKeys.AdversarialPaper, MethodKeys.AdversarialPaperCeiling, MethodKeys.RandomDisplacement })
        {
            var paper = System.Text.Json.Nodes.JsonNode.Parse(SelectionOf(method, options))!;
            Assert.Equal(expected, paper[key]?.GetValue<bool>() ?? false);
        }

        foreach (string method in new[] { MethodKeys.Adversarial, MethodKeys.Uniform })
        {
            Assert.Null(System.Text.Json.Nodes.JsonNode.Parse(SelectionOf(method, options))![key]);
        }
    }

    [Fact]
    public void Parse_RandomSelectionOtherThanThresholdOrUnfiltered_ThrowsNamingIt()
    {
        Assert.True(SampleOptions.Parse([])!.FilteredRandomDisplacement);
        var error = Assert.Throws<ArgumentException>(() => SampleOptions.Parse(["--random-selection", "none"]));
        Assert.Equal("--random-selection takes threshold or unfiltered; found 'none'.", error.Message);
    }

    private static string SelectionOf(string method, SampleOptions options)
        => System.Text.Json.Nodes.JsonNode.Parse(BuildTinyLoop(method, options).Fingerprint)!["selection"]!
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

    /// <summary>A method's loop as the sample configures it, on a tiny committee and a run directory never created.</summary>
    private static AdversarialSampling.Loop.ActiveLearningLoop BuildTinyLoop(string method, SampleOptions options)
    {
        var initial = AdversarialSampling.Potentials.DoubleWell2D.InitialTrainingSet(200, -2, seed: 0);
        var builder = AdversarialSampling.Loop.ActiveLearningLoop.CreateBuilder()
            .WithCommittee(new AdversarialSampling.Models.MlpSpec { AtomCount = 1, InputComponents = [0, 1], Width = 8, Depth = 2 }, new AdversarialSampling.Committees.CommitteeOptions { Members = 2 })
            .WithOracle(new AdversarialSampling.Potentials.DoubleWell2D())
            .WithInitialData(initial)
            .WithRunDirectory(Path.Combine(Path.GetTempPath(), "never-created-" + Guid.NewGuid().ToString("N")));
        return ComparisonMethods.Configure(builder, method, initial, options).Build();
    }

    [Fact]
    public void Parse_PaperSeedingOtherThanReplicatedOrAll_ThrowsNamingIt()
    {
        Assert.True(SampleOptions.Parse([])!.PaperReplicatedSeeding);
        var error = Assert.Throws<ArgumentException>(() => SampleOptions.Parse(["--paper-seeding", "twice"]));
        Assert.Equal("--paper-seeding takes replicated or all; found 'twice'.", error.Message);
    }

    [Fact]
    public void Parse_RandomShape_PicksTheUniformPaperAttackerByDefaultAndGaussianOnRequest()
    {
        var uniform = ComparisonMethods.RandomDisplacementFor(SampleOptions.Parse([])!);
        Assert.Equal((AdversarialSampling.Attacks.DisplacementDistribution.Uniform, 0.63), (uniform.Distribution, uniform.UniformHalfWidth));
        Assert.Empty(uniform.Validate());

        var gaussian = ComparisonMethods.RandomDisplacementFor(SampleOptions.Parse(["--random-shape", "gaussian"])!);
        Assert.Equal((AdversarialSampling.Attacks.DisplacementDistribution.Gaussian, 0.38), (gaussian.Distribution, gaussian.DisplacementStd));

        // both shapes match the Paper attack's measured mean 2D displacement norm, 0.48 Å, within 1 %
        double uniformMeanNorm = ComparisonMethods.RandomDisplacementHalfWidth * (Math.Sqrt(2) + Math.Asinh(1)) / 3;
        double gaussianMeanNorm = ComparisonMethods.RandomDisplacementStd * Math.Sqrt(Math.PI / 2);
        Assert.Equal(0.48, uniformMeanNorm, 0.0048);
        Assert.Equal(0.48, gaussianMeanNorm, 0.0048);

        var error = Assert.Throws<ArgumentException>(() => SampleOptions.Parse(["--random-shape", "normal"]));
        Assert.Equal("--random-shape takes uniform or gaussian; found 'normal'.", error.Message);
    }

    [Fact]
    public void Parse_LoopSplitAndNewLabelValidation_ChangeTheRetraining()
    {
        var plain = ComparisonMethods.RetrainingFor(SampleOptions.Parse([])!);
        Assert.Equal((1.0, 0.0, 0.0), (plain.TrainFraction, plain.ValidationFraction, plain.NewLabelValidationFraction));

        var o = SampleOptions.Parse(["--loop-split", "--new-label-validation", "0.2"])!;
        var split = ComparisonMethods.RetrainingFor(o);
        Assert.Equal((0.6, 0.2, 0.2), (split.TrainFraction, split.ValidationFraction, split.NewLabelValidationFraction));
        Assert.Equal(4, split.ReplicationWeight);
        Assert.NotEqual(new LoopExperiment(SampleOptions.Parse([])!, null!).Settings, new LoopExperiment(o, null!).Settings);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-0.1")]
    [InlineData("half")]
    public void Parse_NewLabelValidationOutsideZeroToOne_ThrowsNamingIt(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => SampleOptions.Parse(["--new-label-validation", value]));
        Assert.Equal($"--new-label-validation needs a number in [0, 1); found '{value}'.", error.Message);
    }

    [Fact]
    public void Parse_Help_ReturnsNull() => Assert.Null(SampleOptions.Parse(["--help"]));
}
