using System.Globalization;
using AdversarialSampling.Runs;
using AdversarialSampling.TestHost;

namespace AdversarialSampling.Tests.Runs;

/// <summary>
/// reliability.md §3.1 for labelling: a child process (AdversarialSampling.TestHost) labels a batch against a
/// counting fake oracle and is killed with SIGKILL at chosen points; the batch is then resumed in this process.
/// The final labels must equal an uninterrupted run's, and no key may be paid twice — except the one call the
/// oracle completed but whose commit the kill prevented (the in-flight window reliability.md allows).
/// </summary>
public sealed class LabellingCrashTests : IDisposable
{
    private const int N = 6;
    private readonly string _dir = RunTestKit.NewDirectory("labelling-crash-");

    public void Dispose() => RunTestKit.DeleteDirectory(_dir);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public async Task Resume_AfterKillWhileCallKWasInFlight_SameLabelsAndEveryKeyPaidOnce(int k)
    {
        string run = Path.Combine(_dir, "run"), counts = Path.Combine(_dir, "calls.txt");
        KillChildAtCall(run, counts, k, "before");
        Assert.Equal(k, CountingOracle.ReadCounts(counts).Values.Sum());

        using var store = RunStore.Open(run, RunStoreOpenMode.OpenExisting); // the kill released the lock
        Assert.Equal(k, store.GetOracleCalls(OracleCallStatus.Succeeded).Count);
        Assert.Single(store.GetOracleCalls(OracleCallStatus.Intent)); // the call in flight
        var resumed = await new LabellingEngine(store).LabelAsync(new CountingOracle(CrashScenario.Oracle(), counts), CrashScenario.Requests(N));

        Assert.Equal(await UninterruptedText(), RunTestKit.Text(resumed.Samples));
        Assert.Equal(Enumerable.Repeat(LabelStatus.Reused, k).Concat(Enumerable.Repeat(LabelStatus.Labelled, N - k)), resumed.Outcomes.Select(o => o.Status));
        var paid = CountingOracle.ReadCounts(counts);
        Assert.Equal(N, paid.Count);
        Assert.All(paid.Values, c => Assert.Equal(1, c));
    }

    [Fact]
    public async Task Resume_AfterKillBetweenACompletedCallAndItsCommit_OnlyThatCallIsPaidTwice()
    {
        string run = Path.Combine(_dir, "run"), counts = Path.Combine(_dir, "calls.txt");
        string window = KillChildAtCall(run, counts, 3, "after");
        Assert.Equal(4, CountingOracle.ReadCounts(counts).Values.Sum());

        using var store = RunStore.Open(run, RunStoreOpenMode.OpenExisting);
        Assert.Equal(window, Assert.Single(store.GetOracleCalls(OracleCallStatus.Intent)).Key);
        var resumed = await new LabellingEngine(store).LabelAsync(new CountingOracle(CrashScenario.Oracle(), counts), CrashScenario.Requests(N));

        Assert.Equal(await UninterruptedText(), RunTestKit.Text(resumed.Samples));
        var paid = CountingOracle.ReadCounts(counts);
        Assert.Equal(2, paid[window]);
        Assert.All(paid.Where(kv => kv.Key != window), kv => Assert.Equal(1, kv.Value));
    }

    [Fact]
    public async Task Resume_AfterChildFinished_ReusesEverythingAndPaysNothing()
    {
        string run = Path.Combine(_dir, "run"), counts = Path.Combine(_dir, "calls.txt");
        using (var host = HostProcess.Start("label", run, counts, N.ToString(CultureInfo.InvariantCulture), "-1", "before"))
        {
            host.WaitForLine("DONE");
            Assert.Equal(0, host.CloseInputAndWait());
        }

        using var store = RunStore.Open(run, RunStoreOpenMode.OpenExisting);
        var resumed = await new LabellingEngine(store).LabelAsync(new CountingOracle(CrashScenario.Oracle(), counts), CrashScenario.Requests(N));

        Assert.All(resumed.Outcomes, o => Assert.Equal(LabelStatus.Reused, o.Status));
        Assert.Equal(await UninterruptedText(), RunTestKit.Text(resumed.Samples));
        Assert.Equal(N, File.ReadAllLines(counts).Length);
    }

    /// <summary>Starts the child, waits until call <paramref name="call"/> blocks, kills it (SIGKILL); returns the blocked key.</summary>
    private static string KillChildAtCall(string run, string counts, int call, string when)
    {
        using var host = HostProcess.Start("label", run, counts, N.ToString(CultureInfo.InvariantCulture), call.ToString(CultureInfo.InvariantCulture), when);
        string key = host.WaitForLine("BLOCKED")["BLOCKED ".Length..];
        host.KillHard();
        return key;
    }

    private async Task<string> UninterruptedText()
    {
        using var store = RunStore.Open(Path.Combine(_dir, "reference"), RunStoreOpenMode.CreateNew);
        var result = await new LabellingEngine(store).LabelAsync(CrashScenario.Oracle(), CrashScenario.Requests(N));
        return RunTestKit.Text(result.Samples);
    }
}
