using System.Globalization;
using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;
using AdversarialSampling.Slurm.TestHost;

namespace AdversarialSampling.Slurm.Tests;

/// <summary>
/// The same guarantee without SLURM: local calls run as detached jobs with leases, so a SIGKILLed driver's calls are
/// adopted or harvested on resume instead of being paid again.
/// </summary>
public sealed class LocalJobLauncherTests : IDisposable
{
    private readonly string _dir = TestKit.NewDirectory("as-local-job-");

    private string WorkRoot => Path.Combine(_dir, "work");

    private string CountFile => Path.Combine(_dir, "count.txt");

    public void Dispose() => TestKit.DeleteDirectory(_dir);

    [Fact]
    public async Task LabelAsync_LocalJob_GivesTheSameLabelsAsAPlainLocalRun()
    {
        var molecule = FakeQcOracle.Molecules(1)[0];

        var outcome = await SlurmTestSetup.LocalJobOracle(Path.Combine(_dir, "program"), CountFile, 0, WorkRoot).LabelAsync(molecule);

        var plain = await SlurmTestSetup.Oracle(Path.Combine(_dir, "program"), CountFile, 0, null).LabelAsync(molecule);
        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Equal(plain.Sample!.Energy, outcome.Sample.Energy);
        Assert.True(plain.Sample.Forces.SequenceEqual(outcome.Sample.Forces));
    }

    [Fact]
    public async Task Resume_AfterSigkillOfTheDriver_AdoptsTheRunningLocalJobsAndRunsEachKeyOnce()
    {
        const int n = 3;
        string run = Path.Combine(_dir, "run");
        using (var host = HostProcess.Start("label-local", run, WorkRoot, CountFile, n.ToString(CultureInfo.InvariantCulture), "2"))
        {
            await WaitForAsync(() => Directory.Exists(Path.Combine(WorkRoot, "calls"))
                && Directory.GetDirectories(Path.Combine(WorkRoot, "calls")).Count(d => File.Exists(Path.Combine(d, LocalJobLauncher.LeaseFileName))) == n);
            host.KillHard();
        }

        using var store = RunStore.Open(run, RunStoreOpenMode.OpenExisting);
        var oracle = SlurmTestSetup.LocalJobOracle(Path.Combine(WorkRoot, "program"), CountFile, 2, WorkRoot);
        var requests = FakeQcOracle.Molecules(n).Select(s => new LabelRequest(s)).ToList();
        var resumed = await new LabellingEngine(store).LabelAsync(oracle, requests, new LabellingOptions { MaxConcurrency = n });

        Assert.All(resumed.Outcomes, o => Assert.Equal(LabelStatus.Labelled, o.Status));
        var counts = File.ReadAllLines(CountFile).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(n, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
    }

    [Fact]
    public async Task LabelAsync_Cancelled_KillsTheLocalJob()
    {
        var oracle = SlurmTestSetup.LocalJobOracle(Path.Combine(_dir, "program"), CountFile, 60, WorkRoot);
        using var cts = new CancellationTokenSource();
        var call = oracle.LabelAsync(FakeQcOracle.Molecules(1)[0], cts.Token);
        await WaitForAsync(() => File.Exists(CountFile));
        int pid = int.Parse(File.ReadAllText(Directory.GetFiles(WorkRoot, LocalJobLauncher.LeaseFileName, SearchOption.AllDirectories).Single()).Split(' ')[0], CultureInfo.InvariantCulture);

        await cts.CancelAsync();
        var outcome = await call;

        Assert.Equal(OracleFailureKind.Cancelled, outcome.Failure?.Kind);
        Assert.False(File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal), "the job process still runs");
    }

    [Fact]
    public async Task LabelAsync_JobExceedsTheOracleTimeout_IsATimeout()
    {
        var oracle = SlurmTestSetup.LocalJobOracle(Path.Combine(_dir, "program"), CountFile, 60, WorkRoot, TimeSpan.FromMilliseconds(500));

        var outcome = await oracle.LabelAsync(FakeQcOracle.Molecules(1)[0]);

        Assert.Equal(OracleFailureKind.Timeout, outcome.Failure?.Kind);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the condition did not come true within 30 s");
    }
}
