using AdversarialSampling.Runs;
using AdversarialSampling.TestHost;
using AdversarialSampling.Tests.Runs;
using AdversarialSampling.Tests.TestSupport;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// Issue #5 acceptance "crash anywhere" (reliability.md §3.1): the tiny loop runs in a child process
/// (AdversarialSampling.TestHost "loop") that SIGKILLs itself right after every phase commit of a 2-generation run
/// and inside an oracle call of each generation's labelling (before the call is counted). Each kill is followed by a
/// resume in a new child, which kills itself at the next point; the last child finishes. The final dataset hash must
/// equal the uninterrupted run's and the counting oracle must have been paid exactly once per labelled key.
/// </summary>
[Trait("Category", "Acceptance")]
[Collection(SerialCollection.Name)]
public sealed class LoopCrashTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Every commit point of the run in order ("init" is the start record), plus a kill inside the 4th oracle call of each labelling.</summary>
    public static readonly string[] KillPoints =
    [
        "0:init", "0:merge", "0:train", "0:evaluate", "0:report",
        "1:explore", "1:select", "call:3", "1:label", "1:merge", "1:train", "1:evaluate", "1:report",
        "2:explore", "2:select", "call:3", "2:label", "2:merge", "2:train", "2:evaluate",
    ];

    private readonly string _dir = RunTestKit.NewDirectory("loop-crash-");

    public void Dispose() => RunTestKit.DeleteDirectory(_dir);

    [Fact]
    public async Task Resume_AfterKillAtEveryPhaseBoundaryAndInsideLabelling_SameDatasetAndEveryKeyPaidOnce()
    {
        var reference = await TinyLoopReference.GetAsync();
        string run = Path.Combine(_dir, "run"), counts = Path.Combine(_dir, "calls.txt");
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (string point in KillPoints)
        {
            using var child = HostProcess.Start("loop", run, counts, point);
            string line = child.WaitForLine("KILLING");
            int exit = child.CloseInputAndWait();
            output.WriteLine($"{started.Elapsed.TotalSeconds,6:F1} s  {line} (exit {exit})");
            Assert.Equal(137, exit); // 128 + SIGKILL
            if (!point.StartsWith("call:", StringComparison.Ordinal))
            {
                // The kill came right after that commit: it is in the store.
                using var killed = RunStore.Open(run, RunStoreOpenMode.ReadOnly);
                string[] parts = point.Split(':');
                Assert.True(parts[1] == "init" ? killed.GetRun() is not null : killed.IsPhaseComplete(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1]), point);
            }
        }

        string done;
        using (var last = HostProcess.Start("loop", run, counts, "none"))
        {
            done = last.WaitForLine("DONE");
            Assert.Equal(0, last.CloseInputAndWait());
        }

        output.WriteLine($"{started.Elapsed.TotalSeconds,6:F1} s  {done}");
        Assert.Equal($"DONE {reference.FinalHash}", done);

        var paid = CountingOracle.ReadCounts(counts);
        using var store = RunStore.Open(run, RunStoreOpenMode.ReadOnly);
        var succeeded = store.GetOracleCalls(OracleCallStatus.Succeeded).Select(c => c.Key).ToHashSet();
        using var referenceStore = RunStore.Open(reference.RunDirectory, RunStoreOpenMode.ReadOnly);
        Assert.Equal(referenceStore.GetOracleCalls().Select(c => c.Key).Order(), store.GetOracleCalls().Select(c => c.Key).Order());
        Assert.Empty(store.GetOracleCalls(OracleCallStatus.Intent));
        Assert.Equal(succeeded.Order(), paid.Keys.Order()); // every paid key was labelled …
        Assert.All(paid, kv => Assert.Equal(1, kv.Value)); // … exactly once, despite 20 kills
        output.WriteLine($"{paid.Count} keys paid once each; final hash {reference.FinalHash}");
    }

    /// <summary>
    /// Training resumes per epoch (reliability.md §2): the child saves the training state after every epoch and is
    /// killed before epoch E of a generation's training; the next child's first epoch attempt must be E (not 1), and
    /// the run must end with the uninterrupted run's dataset and with every generation's committee weights identical
    /// to it, byte for byte (their recorded SHA-256).
    /// </summary>
    [Fact]
    public async Task Resume_AfterKillInsideTraining_ContinuesFromTheSavedEpochAndEndsWithIdenticalWeights()
    {
        var reference = await TinyLoopReference.GetAsync();
        string run = Path.Combine(_dir, "run"), counts = Path.Combine(_dir, "calls.txt");
        string[] kills = ["epoch:0:6", "epoch:1:2", "epoch:1:11", "epoch:2:15"];
        string? expectFirst = null;
        foreach (string point in kills.Append("none"))
        {
            using var child = HostProcess.Start("loop", run, counts, point);
            string first = child.WaitForLine("EPOCH");
            if (expectFirst is not null)
            {
                Assert.Equal("EPOCH " + expectFirst, first); // continued from the saved state, not from epoch 1
            }

            if (point == "none")
            {
                string done = child.WaitForLine("DONE");
                Assert.Equal(0, child.CloseInputAndWait());
                Assert.Equal($"DONE {reference.FinalHash}", done);
                break;
            }

            string line = child.WaitForLine("KILLING");
            Assert.Equal("KILLING " + point, line);
            Assert.Equal(137, child.CloseInputAndWait());
            output.WriteLine($"{first} … {line}");
            expectFirst = point;
        }

        using var store = RunStore.Open(run, RunStoreOpenMode.ReadOnly);
        using var referenceStore = RunStore.Open(reference.RunDirectory, RunStoreOpenMode.ReadOnly);
        for (int g = 0; g <= 2; g++)
        {
            var weights = store.GetCheckpoints(g).Where(c => c.Name.StartsWith("weights-", StringComparison.Ordinal)).Select(c => c.Sha256).ToList();
            Assert.Single(weights);
            Assert.Equal(referenceStore.GetCheckpoints(g).Where(c => c.Name.StartsWith("weights-", StringComparison.Ordinal)).Select(c => c.Sha256), weights);
            Assert.DoesNotContain(store.GetCheckpoints(g), c => c.Name == "training-state.bin"); // forgotten with the train phase …
            Assert.False(File.Exists(Path.Combine(run, "checkpoints", CheckpointFiles.GenerationDirectoryName(g), "training-state.bin"))); // … and deleted
        }

        Assert.All(CountingOracle.ReadCounts(counts), kv => Assert.Equal(1, kv.Value));
    }
}
