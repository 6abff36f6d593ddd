using System.Text.Json.Nodes;
using AdversarialSampling.Cli.Commands;
using AdversarialSampling.Runs;
using Xunit.Abstractions;

namespace AdversarialSampling.Cli.Tests;

/// <summary><c>status RUNDIR</c>: a finished run, a run stopped in the middle of labelling, a held run directory, and bad directories.</summary>
[Collection("Cli")]
public sealed class StatusCommandTests(ITestOutputHelper output)
{
    private static string TinyConfig => RunCommandTests.TinyConfig;

    [Fact]
    public void Status_FinishedRun_ListsEachGenerationAndSaysComplete()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "run");
        Assert.Equal(0, CliRunner.Run("run", TinyConfig, "--run-dir", dir, "--no-progress").ExitCode);

        var (code, stdout, stderr) = CliRunner.Run("status", dir);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"run directory: {dir}", lines[0]);
        Assert.Equal(["generation 0: +", "generation 1: +", "generation 2: +"], lines[1..4].Select(l => l[..15]));
        Assert.Equal(
            [$"oracle calls of the run: {SucceededCalls(dir)} succeeded, 0 failed or rejected, 0 in flight or interrupted", "complete: generations 0–2", "no process holds the run directory"],
            lines[4..]);

        var json = JsonNode.Parse(CliRunner.Run("status", dir, "--json").Stdout)!;
        Assert.Equal("complete", (string)json["state"]!);
        Assert.Equal(3, json["reports"]!.AsArray().Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(LoopSession.ReportPath(dir, 2))), json["reports"]![2]));
        Assert.Null(json["current"]);
        Assert.Null(json["holder"]);
        Assert.Equal(SucceededCalls(dir), (int)json["oracleCalls"]!["succeeded"]!);
        Assert.Equal((0, 0), ((int)json["oracleCalls"]!["failed"]!, (int)json["oracleCalls"]!["inFlight"]!));
    }

    [Fact]
    public void Status_RunStoppedWhileLabelling_ShowsTheCommittedPhasesAndTheLabellingProgress()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "run");
        Assert.Equal(CliErrors.Cancelled, CliRunner.RunStoppedWhileLabelling("run", TinyConfig, "--run-dir", dir, "--no-progress").ExitCode);

        var (code, stdout, stderr) = CliRunner.Run("status", dir);

        output.WriteLine(stdout);
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("generation 0: +", lines[1], StringComparison.Ordinal);
        Assert.Equal($"oracle calls of the run: {SucceededCalls(dir)} succeeded, 0 failed or rejected, 0 in flight or interrupted", lines[2]);
        Assert.Matches(@"^generation 1 under way: committed explore, select; labelling [1-8] accepted candidates: [1-8] labelled, 0 failed, 0 in flight so far$", lines[3]);
        Assert.Equal($"no process holds the run directory; continue with: adversarial-sampling resume {dir}", lines[4]);

        var current = JsonNode.Parse(CliRunner.Run("status", dir, "--json").Stdout)!["current"]!;
        Assert.Equal(1, (int)current["generation"]!);
        Assert.Equal(["explore", "select"], current["committedPhases"]!.AsArray().Select(p => (string)p!));
        var labelling = current["labelling"]!;
        Assert.InRange((int)labelling["labelled"]!, 1, (int)labelling["accepted"]!);
        Assert.Equal(SucceededCalls(dir), (int)labelling["labelled"]!); // generation 0 made no oracle call: all are generation 1's
    }

    [Fact]
    public void Status_FinishedRunBeingExtended_IsUnderWayNotComplete()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "run");
        Assert.Equal(0, CliRunner.Run("run", TinyConfig, "--run-dir", dir, "--no-progress").ExitCode);
        Assert.Equal(CliErrors.Cancelled, CliRunner.RunStoppedWhileLabelling(3, "resume", dir, "--generations", "3", "--no-progress").ExitCode);

        var lines = CliRunner.Run("status", dir).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("generation 2: +", lines[3], StringComparison.Ordinal); // its report still says Completed
        Assert.StartsWith("oracle calls of the run: ", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("generation 3 under way: committed explore, select; labelling ", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RunInterruptedWhileTraining_ShowsTheEpochItsSavedStateHolds()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "run");
        using var cts = new CancellationTokenSource();
        var loop = Loop.ActiveLearningLoop.CreateBuilder()
            .WithCommittee(
                new Models.MlpSpec { AtomCount = 1, InputComponents = [0, 1], Width = 16, Depth = 3 },
                new Committees.CommitteeOptions { Members = 3, Training = new Committees.TrainingOptions { Epochs = 10, LearningRate = 1e-2, BatchSize = 32 } })
            .WithOracle(new Potentials.DoubleWell2D())
            .WithInitialData(Potentials.DoubleWell2D.InitialTrainingSet(points: 100, seed: 1))
            .AddExplorer(new Attacks.RandomDisplacement(new Attacks.RandomDisplacementOptions { Objective = new Attacks.AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(5) }, DisplacementStd = 0.3 }))
            .WithSeedPolicy(Loop.SeedPolicy.Random(6))
            .WithGenerations(1)
            .WithRunDirectory(dir)
            .WithTrainingCheckpoints(TimeSpan.Zero)
            .Build();
        loop.BeforeTraining = (g, committee) => ((Committees.TorchCommittee)committee).BeforeEpoch = (epoch, _) =>
        {
            if ((g, epoch) == (1, 5))
            {
                cts.Cancel(); // generation 1's training stops in epoch 5: the state of epoch 4 is saved
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in loop.RunAsync(cts.Token))
            {
            }
        });

        var (code, stdout, stderr) = CliRunner.Run("status", dir);

        output.WriteLine(stdout);
        Assert.True(code == 0, stderr);
        Assert.Matches(@"\ngeneration 1 under way: committed explore, select, label, merge; training: state saved after epoch 4 at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\n", stdout);
        var training = JsonNode.Parse(CliRunner.Run("status", dir, "--json").Stdout)!["current"]!["training"]!;
        Assert.Equal(4, (int)training["savedAfterEpoch"]!);
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse((string)training["savedUtc"]!, System.Globalization.CultureInfo.InvariantCulture) < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Status_WhileAWriterHoldsTheDirectory_NamesTheHolderAndDoesNotBlockIt()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "run");
        Assert.Equal(0, CliRunner.Run("run", TinyConfig, "--run-dir", dir, "--no-progress").ExitCode);

        using (var writer = RunStore.Open(dir, RunStoreOpenMode.OpenExisting))
        {
            var (code, stdout, _) = CliRunner.Run("status", dir);

            Assert.Equal(0, code);
            Assert.Matches($@"\nheld by process {Environment.ProcessId} on {System.Text.RegularExpressions.Regex.Escape(Environment.MachineName)} since \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ\n$", stdout);
            var holder = RunStore.FindHolder(dir);
            Assert.Equal(Environment.ProcessId, holder!.ProcessId);
            Assert.Equal(Environment.MachineName, holder.Host);
            Assert.True(writer.IsWritable); // the writer still holds its store
        }

        Assert.Null(RunStore.FindHolder(dir));
        Assert.EndsWith("no process holds the run directory\n", CliRunner.Run("status", dir).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_MissingDirectoryOrNoRunStore_ExitsWithOneLine()
    {
        string work = CliRunner.TempDirectory();

        var missing = CliRunner.Run("status", Path.Combine(work, "nothing"));
        var empty = CliRunner.Run("status", work);

        Assert.Equal(CliErrors.NotFound, missing.ExitCode);
        Assert.Equal($"error: No run directory '{Path.Combine(work, "nothing")}'.\n", missing.Stderr);
        Assert.Equal(CliErrors.BadInput, empty.ExitCode);
        Assert.StartsWith($"error: The run directory '{work}' has no run store (run.db)", empty.Stderr, StringComparison.Ordinal);
        Assert.Equal("", missing.Stdout + empty.Stdout);
    }

    private static int SucceededCalls(string dir)
    {
        using var store = RunStore.Open(dir, RunStoreOpenMode.ReadOnly);
        return store.GetOracleCalls(OracleCallStatus.Succeeded).Count;
    }
}
