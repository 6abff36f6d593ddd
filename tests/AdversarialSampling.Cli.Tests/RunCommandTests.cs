using System.Text.Json.Nodes;
using AdversarialSampling.Cli.Commands;
using AdversarialSampling.Cli.Config;
using AdversarialSampling.Loop;
using AdversarialSampling.Runs;
using AdversarialSampling.Tests.TestSupport;

namespace AdversarialSampling.Cli.Tests;

/// <summary>
/// <c>run</c> and <c>resume</c> end to end on the tiny double-well configuration (3 small MLPs, 2 generations of at most
/// 8 labels, one libtorch thread): seconds per run.
/// </summary>
[Collection("Cli")]
public class RunCommandTests
{
    /// <summary>samples/configs/double-well-2d-tiny.json (a seconds-long loop).</summary>
    internal static string TinyConfig => Path.Combine(RepositoryPaths.Root(), "samples", "configs", "double-well-2d-tiny.json");

    /// <summary>Writes the tiny configuration with each (old, new) text replaced (each old text must occur).</summary>
    private static void WriteTinyVariant(string path, params (string Old, string New)[] replacements)
    {
        string text = File.ReadAllText(TinyConfig);
        foreach (var (old, replacement) in replacements)
        {
            Assert.Contains(old, text, StringComparison.Ordinal);
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        File.WriteAllText(path, text);
    }

    private static string ReportPath(string runDirectory, int generation)
        => Path.Combine(runDirectory, "generations", $"gen-{generation:D3}", "report.json");

    [Fact]
    public void Run_TinyDoubleWellJson_PrintsEachGenerationsReportAndWritesTheRunDirectory()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "run");

        var (code, stdout, stderr) = CliRunner.Run("run", TinyConfig, "--run-dir", dir, "--json", "--no-progress");

        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("info:", stderr, StringComparison.Ordinal); // informational log lines only with --verbose
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        for (int g = 0; g <= 2; g++)
        {
            var printed = JsonNode.Parse(lines[g])!;
            var written = JsonNode.Parse(File.ReadAllText(ReportPath(dir, g)))!;
            Assert.Equal(g, (int)printed["generation"]!);
            Assert.True(JsonNode.DeepEquals(written, printed), $"generation {g}: the printed JSON differs from report.json");
            Assert.True(File.Exists(Path.Combine(dir, "generations", $"gen-{g:D3}", "dataset.extxyz")));
        }

        Assert.Equal("Completed", (string)JsonNode.Parse(lines[2])!["stopReason"]!);
        Assert.True((int)JsonNode.Parse(lines[1])!["labelsAdded"]! > 0);
        Assert.True(File.Exists(Path.Combine(dir, RunStore.DatabaseFileName)));
        Assert.Equal(File.ReadAllBytes(TinyConfig), File.ReadAllBytes(Path.Combine(dir, RunDirectoryFiles.ConfigFileName)));
        Assert.Equal(
            RunDirectoryFiles.Sha256(File.ReadAllBytes(TinyConfig)) + "  config.json\n",
            File.ReadAllText(Path.Combine(dir, RunDirectoryFiles.HashFileName)));

        // The directory holds a run now: a second 'run' is refused, and 'resume' has nothing left to do.
        var again = CliRunner.Run("run", TinyConfig, "--run-dir", dir, "--no-progress");
        Assert.Equal(CliErrors.BadInput, again.ExitCode);
        Assert.Equal($"error: The run directory '{dir}' already holds a run; continue it with 'adversarial-sampling resume {dir}', or choose another directory.\n", again.Stderr);
        var done = CliRunner.Run("resume", dir, "--no-progress");
        Assert.Equal(0, done.ExitCode);
        Assert.Equal($"the run in '{dir}' is already complete (generations 0–2); nothing to do (pass --generations to extend it).\n", done.Stdout);
    }

    [Fact]
    public void Run_LibraryWarnings_AreShownOnStandardErrorAndKeepStandardOutputJson()
    {
        // A learning rate of 1e8 makes every member diverge at once: the trainer rolls back, and the members keep their
        // epoch-1 weights (median best epoch 1 of at most 40, with a validation split), which the loop warns about.
        string work = CliRunner.TempDirectory();
        string config = Path.Combine(work, "diverging.json");
        WriteTinyVariant(config,
            ("\"epochs\": 15, \"learningRate\": 0.01", "\"epochs\": 40, \"learningRate\": 1e8"),
            ("\"generations\": 2", "\"generations\": 1"),
            ("\"runDirectory\": \"../../out/runs/double-well-2d-tiny\"", "\"runDirectory\": \"run\""));

        var (code, stdout, stderr) = CliRunner.Run("run", config, "--json", "--no-progress");

        Assert.True(code == 0, stderr);
        Assert.Contains("warning: Generation 0: the committee kept early weights (median best epoch 1 of at most 40) by validation on ", stderr, StringComparison.Ordinal);
        Assert.Contains("warning: Generation 1: the committee kept early weights", stderr, StringComparison.Ordinal);
        Assert.Contains("warning: Training diverged in epoch 1", stderr, StringComparison.Ordinal);
        Assert.All(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonNode.Parse(line)); // warnings never mix into the JSON lines
    }

    [Fact]
    public void Run_CommitteeThatNeverFinishesAnEpoch_ExitsWithBadInputBeforeLabelling()
    {
        string work = CliRunner.TempDirectory();
        string config = Path.Combine(work, "untrainable.json");
        WriteTinyVariant(config,
            ("\"epochs\": 15, \"learningRate\": 0.01", "\"epochs\": 15, \"learningRate\": 1e30, \"maxRollbacks\": 1"),
            ("\"runDirectory\": \"../../out/runs/double-well-2d-tiny\"", "\"runDirectory\": \"run\""));

        var (code, stdout, stderr) = CliRunner.Run("run", config, "--json", "--no-progress");

        Assert.True(code == 1, $"exit {code}: {stderr}");
        Assert.Contains("Generation 0: the committee's training diverged before it finished a single epoch (1 rollbacks, the learning rate halved from 1E+30 each time)", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.Trim());
        using (var store = RunStore.Open(Path.Combine(work, "run"), RunStoreOpenMode.ReadOnly))
        {
            Assert.Equal(0, store.CountOracleCalls().Total);
        }

        // The run stopped for good: status says why, and resume refuses at once instead of diverging again.
        var status = CliRunner.Run("status", Path.Combine(work, "run"));
        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.Contains("stopped for good at generation 0: Generation 0: the committee's training diverged before it finished a single epoch", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("continue with", status.Stdout, StringComparison.Ordinal);
        var json = JsonNode.Parse(CliRunner.Run("status", Path.Combine(work, "run"), "--json").Stdout)!;
        Assert.Equal("stopped", (string?)json["state"]);
        Assert.Equal(nameof(LoopStopReason.TrainingFailed), (string?)json["stop"]!["reason"]); // as report.json spells stopReason
        Assert.Equal(0, (int?)json["stop"]!["generation"]);
        var resume = CliRunner.Run("resume", Path.Combine(work, "run"), "--no-progress");
        Assert.Equal(CliErrors.Stopped, resume.ExitCode);
        Assert.Contains("stopped for good at generation 0: Generation 0: the committee's training diverged", resume.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Training a", resume.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Verbose_AddsTheLibrarysInformationalLinesOnStandardError()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "run");

        var (code, stdout, stderr) = CliRunner.Run("run", TinyConfig, "--run-dir", dir, "--json", "--no-progress", "--verbose");

        Assert.True(code == 0, stderr);
        Assert.Contains($"info: Starting run in {dir}: 2 generations, seed 3", stderr, StringComparison.Ordinal);
        Assert.Contains("info: Training a 3-member mlp committee on ", stderr, StringComparison.Ordinal);
        Assert.Contains("info: Generation 2: Label committed in ", stderr, StringComparison.Ordinal);
        Assert.Equal(3, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)).Count());
    }

    [Fact]
    public void Run_MdExplorer_CollectsCommitteeMdFramesAndLabelsThem()
    {
        string work = CliRunner.TempDirectory();
        string config = Path.Combine(work, "md.json");
        string md = "{ \"type\": \"md\", \"temperatureK\": 20000, \"timeStepFs\": 1, \"steps\": 200, \"sampleInterval\": 10, \"percentile\": 50, \"stability\": null }";
        WriteTinyVariant(config,
            ("""
    { "type": "random", "share": 1, "displacementStd": 0.3 },
    { "type": "gradient", "share": 1, "preset": "paper", "steps": 40, "learningRate": 0.02 }
""", "    " + md + "\n"),
            ("\"generations\": 2", "\"generations\": 1"),
            ("\"runDirectory\": \"../../out/runs/double-well-2d-tiny\"", "\"runDirectory\": \"run\""));
        Assert.Contains("\"md\"", File.ReadAllText(config), StringComparison.Ordinal);

        var (code, stdout, stderr) = CliRunner.Run("run", config, "--json", "--no-progress");

        Assert.True(code == 0, stderr);
        var report = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!;
        var byExplorer = report["candidatesByExplorer"]!.AsObject();
        var (name, count) = Assert.Single(byExplorer);
        Assert.Contains("MdExplorer", name, StringComparison.Ordinal);
        Assert.True((int)count! > 0, "the MD explorer collected no frame");
        Assert.True((int)report["labelsAdded"]! > 0);
    }

    [Fact]
    public void Resume_InitialDataFileGone_UsesTheRunDirectorysCopyAndExtendsTheRun()
    {
        string work = CliRunner.TempDirectory();
        string data = Path.Combine(work, "initial.extxyz");
        AdversarialSampling.IO.ExtendedXyzWriter.WriteSamples(data, AdversarialSampling.Potentials.DoubleWell2D.InitialTrainingSet(points: 240, seed: 1));
        string config = Path.Combine(work, "run.json");
        WriteTinyVariant(config,
            ("{ \"surface\": \"doubleWell2D\", \"points\": 240, \"maxEnergy\": -2, \"seed\": 1 }", "{ \"path\": \"initial.extxyz\" }"),
            ("\"generations\": 2", "\"generations\": 1"),
            ("\"runDirectory\": \"../../out/runs/double-well-2d-tiny\"", "\"runDirectory\": \"run\""));
        string dir = Path.Combine(work, "run");
        Assert.Equal(0, CliRunner.Run("run", config, "--no-progress").ExitCode);
        Assert.Equal(File.ReadAllBytes(data), File.ReadAllBytes(Path.Combine(dir, RunDirectoryFiles.InitialDataFileName)));
        File.Delete(data);
        File.Delete(config);

        var (code, stdout, stderr) = CliRunner.Run("resume", dir, "--generations", "2", "--json", "--no-progress");

        Assert.True(code == 0, stderr);
        Assert.Equal(2, (int)JsonNode.Parse(Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)))!["generation"]!);
    }

    [Fact]
    public void Resume_AfterAStopInTheMiddleOfLabelling_ContinuesWithoutLabellingAgain()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "run");
        var stopped = CliRunner.RunStoppedWhileLabelling("run", TinyConfig, "--run-dir", dir, "--no-progress");

        Assert.Equal(CliErrors.Cancelled, stopped.ExitCode);
        Assert.Equal($"stopped: everything committed is kept in '{dir}'; continue with: adversarial-sampling resume {dir}\n", stopped.Stderr);
        Assert.Contains("generation 0: +", stopped.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("generation 1:", stopped.Stdout, StringComparison.Ordinal);
        var before = SucceededCalls(dir);
        Assert.NotEmpty(before);

        var (code, stdout, stderr) = CliRunner.Run("resume", dir);

        Assert.True(code == 0, stderr);
        Assert.Contains("generation 0 report: already committed, skipped", stdout, StringComparison.Ordinal);
        Assert.Contains("generation 1 explore: already committed, skipped", stdout, StringComparison.Ordinal);
        Assert.Contains("generation 2: +", stdout, StringComparison.Ordinal);
        Assert.Contains($"run complete: generations 0–2 in '{dir}'", stdout, StringComparison.Ordinal);
        var after = SucceededCalls(dir);
        foreach (var (key, call) in before)
        {
            // A label recorded before the stop was neither paid for again nor rewritten.
            Assert.Equal(call.Attempts, after[key].Attempts);
            Assert.Equal(call.UpdatedUtc, after[key].UpdatedUtc);
        }

        Assert.True(after.Count > before.Count);
        var report = GenerationReport.FromJson(File.ReadAllText(ReportPath(dir, 1)));
        Assert.InRange(report.LabelOutcomes[LabelStatus.Reused], before.Count, int.MaxValue);
    }

    [Fact]
    public void Resume_ConfigAlteredAfterTheStart_IsRefused()
    {
        string dir = CliRunner.TempDirectory();
        byte[] config = File.ReadAllBytes(TinyConfig);
        RunDirectoryFiles.Save(dir, config, null);
        File.WriteAllText(Path.Combine(dir, "config.json"), File.ReadAllText(TinyConfig).Replace("\"seed\": 3", "\"seed\": 4", StringComparison.Ordinal));

        var (code, _, stderr) = CliRunner.Run("resume", dir);

        Assert.Equal(CliErrors.BadInput, code);
        string path = Path.Combine(dir, "config.json");
        Assert.StartsWith($"error: {path} was altered after the run started (SHA-256 {RunDirectoryFiles.Sha256(config)} recorded in config.sha256, ", stderr, StringComparison.Ordinal);
        Assert.EndsWith(" found); restore it, or start a new run with the changed configuration.\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_RunDirectoryHeldByAnotherWriter_GivesTheSingleWriterError()
    {
        string dir = CliRunner.TempDirectory();
        RunDirectoryFiles.Save(dir, File.ReadAllBytes(TinyConfig), null);
        using var holder = RunStore.Open(dir, RunStoreOpenMode.CreateNew);

        var (code, _, stderr) = CliRunner.Run("resume", dir, "--no-progress");

        Assert.Equal(CliErrors.Locked, code);
        Assert.StartsWith($"error: The run directory '{dir}' is in use by another writer", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_DirectoryNotMadeByRun_SaysSo()
    {
        string dir = CliRunner.TempDirectory();

        var (code, _, stderr) = CliRunner.Run("resume", dir);

        Assert.Equal(CliErrors.NotFound, code);
        Assert.Equal($"error: '{dir}' has no config.json and config.sha256: it was not started by 'adversarial-sampling run' (a run started from C# continues with ActiveLearningLoop.ResumeAsync).\n", stderr);
    }

    [Fact]
    public void Run_InvalidConfiguration_ListsEveryProblemOnOneLine()
    {
        string dir = CliRunner.TempDirectory();
        string config = Path.Combine(dir, "bad.json");
        WriteTinyVariant(config,
            ("\"generations\": 2", "\"generations\": \"2\", \"colour\": 1"));

        var (code, stdout, stderr) = CliRunner.Run("run", config, "--run-dir", Path.Combine(dir, "run"));

        Assert.Equal(CliErrors.BadInput, code);
        Assert.Equal("", stdout);
        Assert.Equal(
            $"error: {config}: invalid run configuration (2 problems): - $.generations: expected an integer, found a string (\"2\"). - $.colour: unknown key; expected one of: description, runDirectory, seed, generations, threads, initialData, committee, oracle, uncertainty, temperature, explorers, seedPolicy, selection, retraining, oracleConcurrency, maxFailureRatio, infrastructureRetry, trainingCheckpointSeconds, gates.\n",
            stderr);
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
    }

    [Fact]
    public void Run_ValuesTheBuilderRejects_PrintsTheBuildersOneExceptionAndCreatesNothing()
    {
        string dir = CliRunner.TempDirectory();
        string config = Path.Combine(dir, "bad.json");
        WriteTinyVariant(config,
            ("\"members\": 3", "\"members\": 1"),
            ("\"cap\": 8", "\"cap\": -1"));

        var (code, _, stderr) = CliRunner.Run("run", config, "--run-dir", Path.Combine(dir, "run"));

        Assert.Equal(CliErrors.BadInput, code);
        Assert.Equal(
            "error: The active-learning loop is misconfigured (2 problems): - The uncertainty metric ForceVariance (unbiased variance) needs a committee of at least 2 members; found Members = 1. - Selection: Invalid selection options: Cap must be ≥ 0 (or null for no cap); got -1.\n",
            stderr);
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
    }

    private static Dictionary<string, OracleCallRecord> SucceededCalls(string dir)
    {
        using var store = RunStore.Open(dir, RunStoreOpenMode.ReadOnly);
        return store.GetOracleCalls(OracleCallStatus.Succeeded).ToDictionary(c => c.Key, StringComparer.Ordinal);
    }
}
