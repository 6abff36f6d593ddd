using System.Text.Json.Nodes;
using AdversarialSampling.Cli.Config;
using AdversarialSampling.Tests.TestSupport;

namespace AdversarialSampling.Cli.Tests;

public class RunConfigParserTests
{
    private static string Tiny() => RepositoryPaths.ReadText("samples/configs/double-well-2d-tiny.json");

    /// <summary>Sets (or, with null, removes) the value at a path like "committee.model.width" or "explorers[1].type".</summary>
    private static string With(string path, string? json)
    {
        var root = JsonNode.Parse(Tiny())!;
        var parts = path.Split('.');
        JsonNode node = root;
        foreach (string part in parts[..^1])
        {
            node = Step(node, part);
        }

        string last = parts[^1];
        if (last.EndsWith(']'))
        {
            var array = Step(node, last[..last.IndexOf('[', StringComparison.Ordinal)]).AsArray();
            int index = int.Parse(last[(last.IndexOf('[', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            array[index] = json is null ? null : JsonNode.Parse(json);
        }
        else if (json is null)
        {
            node.AsObject().Remove(last);
        }
        else
        {
            node[last] = JsonNode.Parse(json);
        }

        return root.ToJsonString();
    }

    private static JsonNode Step(JsonNode node, string part)
    {
        int bracket = part.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0
            ? node[part]!
            : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
    }

    private static IReadOnlyList<string> Problems(string json)
        => Assert.Throws<RunConfigException>(() => RunConfigParser.Parse(json, "test.json")).Problems;

    [Theory]
    [InlineData("generatons", "2", "$.generatons: unknown key; expected one of: description, runDirectory, seed, generations, threads, initialData, committee, oracle, uncertainty, temperature, explorers, seedPolicy, selection, retraining, oracleConcurrency, maxFailureRatio, infrastructureRetry, trainingCheckpointSeconds, gates.")]
    [InlineData("generations", "\"two\"", "$.generations: expected an integer, found a string (\"two\").")]
    [InlineData("generations", "2.5", "$.generations: expected an integer, found a number (2.5).")]
    [InlineData("seed", "true", "$.seed: expected an integer, found a boolean (true).")]
    [InlineData("threads", "0", "$.threads: must be at least 1 (or absent for libtorch's choice); found 0.")]
    [InlineData("oracle", null, "$.oracle: required key is missing.")]
    [InlineData("oracle", "\"xtb\"", "$.oracle: expected an object, found a string (\"xtb\").")]
    [InlineData("oracle.type", "\"dft\"", "$.oracle.type: unknown type \"dft\"; expected one of: analytic, xtb.")]
    [InlineData("oracle.surface", "\"doubleWell3D\"", "$.oracle.surface: unknown surface \"doubleWell3D\"; expected one of: doubleWell2D, doubleWell1D, mullerBrown, lennardJones, morse.")]
    [InlineData("oracle", "{\"type\": \"analytic\", \"surface\": \"lennardJones\", \"sigma\": 3.4}", "$.oracle.epsilon: required key is missing.")]
    [InlineData("oracle", "{\"type\": \"xtb\", \"method\": \"gfn3\"}", "$.oracle.method: unknown value \"gfn3\"; expected one of: gfn2, gfn1, gfnff.")]
    [InlineData("oracle", "{\"type\": \"xtb\", \"surface\": \"doubleWell2D\"}", "$.oracle.surface: unknown key; expected one of: type, method, charge, uhf, solvent, threads, timeoutSeconds, executable, accuracy, electronicTemperature, maxIterations, maxEnergyPerAtom, scratch, scheduler.")]
    [InlineData("oracle.scheduler", "{\"type\": \"slurm\"}", "$.oracle.scheduler.type: the slurm scheduler dispatches process oracles (xtb); this oracle runs in process.")]
    [InlineData("oracle.scheduler", "{\"type\": \"pbs\"}", "$.oracle.scheduler.type: unknown type \"pbs\"; expected one of: slurm.")]
    [InlineData("oracle", "{\"type\": \"xtb\", \"scheduler\": {\"type\": \"slurm\", \"timeLimitMinutes\": 0.5}}", "$.oracle.scheduler.timeLimitMinutes: must be at least 1 minute (SLURM's resolution); found 0.5.")]
    [InlineData("oracle", "{\"type\": \"xtb\", \"scheduler\": {\"type\": \"slurm\", \"setupLines\": [\"module load xtb\", 3]}}", "$.oracle.scheduler.setupLines[1]: expected a string, found a number (3).")]
    [InlineData("oracle", "{\"type\": \"xtb\", \"scheduler\": {\"type\": \"slurm\", \"queue\": \"short\"}}", "$.oracle.scheduler.queue: unknown key; expected one of: type, timeLimitMinutes, pollIntervalSeconds, workRoot, partition, cpusPerTask, memoryMb, extraDirectives, setupLines, useAccounting.")]
    [InlineData("committee.model.widht", "32", "$.committee.model.widht: unknown key; expected one of: kind, atomCount, inputComponents, width, depth, normalizeEnergy, normalizeInputs.")]
    [InlineData("committee.model.kind", "\"painn\"", "$.committee.model.kind: unknown value \"painn\"; expected one of: mlp, schnet.")]
    [InlineData("committee.model.inputComponents", "[0, \"y\"]", "$.committee.model.inputComponents[1]: expected an integer, found a string (\"y\").")]
    [InlineData("committee.training.learningRate", "\"1e-2\"", "$.committee.training.learningRate: expected a number, found a string (\"1e-2\").")]
    [InlineData("committee.precision", "\"float16\"", "$.committee.precision: unknown value \"float16\"; expected one of: float32, float64.")]
    [InlineData("initialData", "{\"surface\": \"doubleWell2D\", \"path\": \"x.extxyz\"}", "$.initialData: give either \"path\" (an extended XYZ file) or \"surface\" (doubleWell2D, doubleWell1D).")]
    [InlineData("initialData", "{\"surface\": \"doubleWell1D\", \"seed\": 1}", "$.initialData.seed: unknown key; expected one of: path, surface, points, maxEnergy.")]
    [InlineData("uncertainty", "{\"metric\": \"forceVar\"}", "$.uncertainty.metric: unknown value \"forceVar\"; expected one of: forceVariance, maxAtomForceVariance, energyVariance, energyPerAtomVariance.")]
    [InlineData("temperature", "{\"kelvin\": 300, \"eV\": 0.025}", "$.temperature: give exactly one of \"kelvin\" (K) or \"eV\" (kT in eV).")]
    [InlineData("temperature", "{}", "$.temperature: give exactly one of \"kelvin\" (K) or \"eV\" (kT in eV).")]
    [InlineData("temperature", "{\"eV\": -1}", "$.temperature.eV: a temperature must be positive; found -1.")]
    [InlineData("temperature", "{\"K\": 300, \"kelvin\": 300}", "$.temperature.K: unknown key; expected one of: kelvin, eV.")]
    [InlineData("explorers", "[]", "$.explorers: at least one explorer is needed.")]
    [InlineData("explorers", "{\"type\": \"random\"}", "$.explorers: expected an array, found an object.")]
    [InlineData("explorers[1].type", "\"dft-md\"", "$.explorers[1].type: unknown type \"dft-md\"; expected one of: gradient, random, uniform, md.")]
    [InlineData("explorers[0]", "{\"type\": \"md\", \"thermostat\": \"nose\"}", "$.explorers[0].thermostat: unknown value \"nose\"; expected one of: langevin, nve.")]
    [InlineData("explorers[0]", "{\"type\": \"md\", \"stability\": {\"min\": 0.7}}", "$.explorers[0].stability.min: unknown key; expected one of: minDistance, maxDistance, mode.")]
    [InlineData("explorers[0]", "{\"type\": \"md\", \"temperature\": {\"kelvin\": 300}}", "$.explorers[0].temperature: unknown key; expected one of: type, share, temperatureK, frictionPerFs, timeStepFs, thermostat, steps, sampleInterval, replicas, threshold, percentile, stopAfterFrames, batchSize, neighborRefreshInterval, stability.")]
    [InlineData("explorers[0].steps", "40", "$.explorers[0].steps: unknown key; expected one of: type, share, temperature, displacementStd, distribution, uniformHalfWidth, starts, maxTries, batchSize, energyMode, energyReference, bounds.")]
    [InlineData("explorers[0].distribution", "\"normal\"", "$.explorers[0].distribution: unknown value \"normal\"; expected one of: gaussian, uniform.")]
    [InlineData("explorers[1].preset", "\"fast\"", "$.explorers[1].preset: unknown value \"fast\"; expected one of: default, paper.")]
    [InlineData("explorers[1].bounds", "{\"box\": {\"x\": [1]}}", "$.explorers[1].bounds.box.x: expected an array of two numbers [min, max], found [1].")]
    [InlineData("explorers[1].bounds", "{\"ceiling\": 3}", "$.explorers[1].bounds.ceiling: unknown key; expected one of: box, epsilon, maxAtomDisplacement, minDistanceFactor, minTrainingDistanceFactor, energyCeiling.")]
    [InlineData("explorers[0]", "{\"type\": \"uniform\"}", "$.explorers[0].box: required key is missing.")]
    [InlineData("seedPolicy", "{\"kind\": \"lowestEnergy\"}", "$.seedPolicy.count: required key is missing.")]
    [InlineData("seedPolicy", "{\"kind\": \"allTraining\", \"count\": 3}", "$.seedPolicy.count: unknown key; expected one of: kind.")]
    [InlineData("selection.rmsd", "\"Plain\"", "$.selection.rmsd: unknown value \"Plain\"; expected one of: kabsch, plain.")]
    [InlineData("selection.dedup", "\"cluster\"", "$.selection.dedup: unknown value \"cluster\"; expected one of: singleLinkage, farthestPoint, none.")]
    [InlineData("retraining", "{\"mode\": \"warm\"}", "$.retraining.mode: unknown value \"warm\"; expected one of: reinitialize, warmStart.")]
    [InlineData("infrastructureRetry", "{\"attempts\": 3, \"baseDelay\": 2}", "$.infrastructureRetry.baseDelay: unknown key; expected one of: attempts, baseDelaySeconds, maxDelaySeconds.")]
    [InlineData("trainingCheckpointSeconds", "-1", "$.trainingCheckpointSeconds: must be ≥ 0 seconds (0: after every epoch); found -1.")]
    [InlineData("gates", "{\"physics\": {\"referenceEnergy\": \"median\"}}", "$.gates.physics.referenceEnergy: unknown value \"median\"; expected one of: none, initialDataMedian.")]
    public void Parse_OneMistake_ReportsItsPathAndExactMessage(string path, string? json, string expected)
        => Assert.Equal([expected], Problems(With(path, json)));

    [Theory]
    [InlineData(null, 60.0)]
    [InlineData("0", 0.0)]
    [InlineData("600", 600.0)]
    public void Parse_TrainingCheckpointSeconds_DefaultsToOneMinute(string? json, double seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), RunConfigParser.Parse(With("trainingCheckpointSeconds", json), "test.json").TrainingCheckpointInterval);

    [Theory]
    [InlineData("{\"kind\": \"replicatedTraining\"}", "ReplicatedTraining")]
    [InlineData("{\"kind\": \"allTraining\"}", "AllTraining")]
    [InlineData("{\"kind\": \"lowestEnergy\", \"count\": 7}", "LowestEnergy(7)")]
    public void Parse_SeedPolicy_ReadsEveryKind(string json, string expected)
        => Assert.Equal(expected, RunConfigParser.Parse(With("seedPolicy", json), "test.json").SeedPolicy.ToString());

    [Fact]
    public void Parse_NewLabelValidationFraction_IsReadIntoTheRetrainingOptions()
    {
        Assert.Equal(0.25, RunConfigParser.Parse(With("retraining", "{\"newLabelValidationFraction\": 0.25}"), "test.json").Retraining.NewLabelValidationFraction);
        Assert.Equal(0, RunConfigParser.Parse(Tiny(), "test.json").Retraining.NewLabelValidationFraction);
    }

    [Fact]
    public void Parse_SeveralMistakes_ListsEveryProblemInOneException()
    {
        string json = With("generations", "\"two\"");
        json = json.Replace("\"members\":3", "\"members\":\"three\",\"colour\":1", StringComparison.Ordinal);

        var e = Assert.Throws<RunConfigException>(() => RunConfigParser.Parse(json, "test.json"));

        Assert.Equal(
            [
                "$.generations: expected an integer, found a string (\"two\").",
                "$.committee.members: expected an integer, found a string (\"three\").",
                "$.committee.colour: unknown key; expected one of: model, members, precision, evaluationBatchSize, training.",
            ],
            e.Problems.ToArray());
        Assert.StartsWith("test.json: invalid run configuration (3 problems):" + Environment.NewLine + " - $.generations: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsAProblem()
        => Assert.Equal(["$.seed: duplicate key."], Problems(Tiny().Replace("\"seed\": 3,", "\"seed\": 3, \"seed\": 4,", StringComparison.Ordinal)));

    [Fact]
    public void Parse_NotJson_NamesLineAndByte()
    {
        var problem = Assert.Single(Problems("{\n  \"seed\": ,\n}"));

        Assert.StartsWith("$: not valid JSON (line 2, byte 11): ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RootNotAnObject_IsAProblem()
        => Assert.Equal(["$: expected an object, found an array."], Problems("[1, 2]"));

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAccepted()
    {
        var config = RunConfigParser.Parse(Tiny().Replace("\"seed\": 3,", "// the master seed\n  \"seed\": 3,", StringComparison.Ordinal).Replace("\"threads\": 1,", "\"threads\": 1, /* one thread */", StringComparison.Ordinal), "test.json");

        Assert.Equal(3, config.Seed);
        Assert.Equal(2, config.Explorers.Length);
    }

    [Fact]
    public void Parse_TinyConfig_MapsEveryGivenValue()
    {
        var config = RunConfigParser.Parse(Tiny(), "tiny.json");

        Assert.Equal(2, config.Generations);
        Assert.Equal(3, config.Seed);
        Assert.Equal(1, config.Threads);
        Assert.Equal(5, config.Temperature!.Value.KT);
        Assert.Equal(3, config.Committee.Options.Members);
        Assert.Equal(15, config.Committee.Options.Training.Epochs);
        var mlp = Assert.IsType<AdversarialSampling.Models.MlpSpec>(config.Committee.Spec);
        Assert.Equal([0, 1], mlp.InputComponents.ToArray());
        Assert.Equal(32, mlp.Width);
        Assert.Equal(8, config.Selection.Cap);
        Assert.Equal(AdversarialSampling.Selection.RmsdMode.Plain, config.Selection.RmsdMode);
        Assert.Equal(AdversarialSampling.Loop.SeedPolicy.Random(12), config.SeedPolicy);
        Assert.IsType<RandomExplorerConfig>(config.Explorers[0]);
        Assert.True(Assert.IsType<GradientExplorerConfig>(config.Explorers[1]).Paper);
    }

    [Theory]
    [InlineData("percentileOverReplicatedTraining")]
    [InlineData("perComponentForceThreshold")]
    public void Parse_SelectionSwitch_IsOffByDefaultAndMapsWhenGiven(string key)
    {
        Func<AdversarialSampling.Selection.SelectionOptions, bool> read = key == "percentileOverReplicatedTraining"
            ? o => o.PercentileOverReplicatedTraining
            : o => o.PerComponentForceThreshold;
        Assert.False(read(RunConfigParser.Parse(Tiny(), "tiny.json").Selection));
        var root = JsonNode.Parse(Tiny())!;
        root["selection"]![key] = true;

        Assert.True(read(RunConfigParser.Parse(root.ToJsonString(), "tiny.json").Selection));
    }

    [Fact]
    public void Parse_GradientExplorerWithStartsAndBestStartPerSeed_SetsBothOnTheAttack()
    {
        var root = JsonNode.Parse(Tiny())!;
        root["explorers"]![1]!["starts"] = 4;
        root["explorers"]![1]!["bestStartPerSeed"] = true;
        var config = RunConfigParser.Parse(root.ToJsonString(), "tiny.json");

        var gradient = Assert.IsType<GradientExplorerConfig>(config.Explorers[1]);
        var options = gradient.Overrides(AdversarialSampling.Attacks.GradientAttackOptions.Paper());
        Assert.Equal(4, options.Starts);
        Assert.True(options.BestStartPerSeed);
        Assert.False(Assert.IsType<GradientExplorerConfig>(RunConfigParser.Parse(Tiny(), "tiny.json").Explorers[1]).Overrides(AdversarialSampling.Attacks.GradientAttackOptions.Paper()).BestStartPerSeed);
    }

    [Fact]
    public void Parse_GradientExplorerWithSoftModes_SetsThemOnTheAttackAndZeroTurnsThemOff()
    {
        var root = JsonNode.Parse(Tiny())!;
        root["explorers"]![1]!["softModes"] = 3;
        var config = RunConfigParser.Parse(root.ToJsonString(), "tiny.json");

        var options = Assert.IsType<GradientExplorerConfig>(config.Explorers[1]).Overrides(AdversarialSampling.Attacks.GradientAttackOptions.Paper());
        Assert.Equal(3, options.SoftModes);
        Assert.Null(Assert.IsType<GradientExplorerConfig>(RunConfigParser.Parse(Tiny(), "tiny.json").Explorers[1]).Overrides(AdversarialSampling.Attacks.GradientAttackOptions.Paper()).SoftModes);
        var preset = AdversarialSampling.Attacks.GradientAttackOptions.Paper() with { SoftModes = 1 }; // as the default preset for molecules
        Assert.Equal(1, Assert.IsType<GradientExplorerConfig>(RunConfigParser.Parse(Tiny(), "tiny.json").Explorers[1]).Overrides(preset).SoftModes);
        root["explorers"]![1]!["softModes"] = 0;
        Assert.Null(Assert.IsType<GradientExplorerConfig>(RunConfigParser.Parse(root.ToJsonString(), "tiny.json").Explorers[1]).Overrides(preset).SoftModes);
    }

    [Fact]
    public void Parse_UniformRandomExplorer_SetsTheDistributionAndHalfWidth()
    {
        var root = JsonNode.Parse(Tiny())!;
        root["explorers"]![0]!["distribution"] = "uniform";
        root["explorers"]![0]!["uniformHalfWidth"] = 0.63;
        var config = RunConfigParser.Parse(root.ToJsonString(), "tiny.json");

        var options = Assert.IsType<RandomExplorerConfig>(config.Explorers[0]).Overrides(new AdversarialSampling.Attacks.RandomDisplacementOptions());
        Assert.Equal(AdversarialSampling.Attacks.DisplacementDistribution.Uniform, options.Distribution);
        Assert.Equal(0.63, options.UniformHalfWidth);
        Assert.Equal(AdversarialSampling.Attacks.DisplacementDistribution.Gaussian, Assert.IsType<RandomExplorerConfig>(RunConfigParser.Parse(Tiny(), "tiny.json").Explorers[0]).Overrides(new AdversarialSampling.Attacks.RandomDisplacementOptions()).Distribution);
    }

    [Fact]
    public void Build_UniformRandomExplorerWithoutHalfWidth_NamesTheExplorerAndTheSetting()
    {
        var root = JsonNode.Parse(Tiny())!;
        root["explorers"]![0]!["distribution"] = "uniform";
        var config = RunConfigParser.Parse(root.ToJsonString(), "tiny.json");

        var error = Assert.Throws<AdversarialSampling.Loop.LoopConfigurationException>(() => RunConfigLoop.Build(config, config.InitialData.Load(Path.GetTempPath()), Path.Combine(Path.GetTempPath(), "never-created")));
        Assert.Equal(["$.explorers[0]: UniformHalfWidth must be > 0 (Å) when Distribution is Uniform; found 0."], error.Problems);
    }
}
