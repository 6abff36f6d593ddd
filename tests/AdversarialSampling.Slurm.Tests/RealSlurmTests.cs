using System.Globalization;
using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;
using AdversarialSampling.Slurm.TestHost;
using AdversarialSampling.Structures;
using AdversarialSampling.Xtb;

namespace AdversarialSampling.Slurm.Tests;

/// <summary>
/// The acceptance tests of issue 7 on a real one-node SLURM 22.05 (tests/slurm/slurm-up.sh): xtb through SLURM equals
/// xtb run locally, cancellation leaves no job, a SIGKILLed driver is resumed by adopting and harvesting its jobs (each
/// key runs once), a SIGKILLed controller is survived, a reused job id is caught by the key check, and failing or
/// garbage-writing jobs are classified, recorded and not trained on.
/// </summary>
[Trait("Category", "Slurm")]
[Collection(SlurmClusterCollection.Name)]
public sealed class RealSlurmTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);
    private readonly string _dir = TestKit.NewDirectory("as-slurm-real-");

    public RealSlurmTests()
    {
        // World-readable: slurmstepd runs the jobs as root here, but keep it usable under any SlurmUser.
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        RealCluster.ResumeNodeIfDrained();
        RealCluster.CancelAllLiveJobs();
    }

    private string WorkRoot => Path.Combine(_dir, "work");

    private string CountFile => Path.Combine(_dir, "count.txt");

    public void Dispose()
    {
        RealCluster.EnsureController();
        TestKit.DeleteDirectory(_dir);
    }

    [SlurmFact]
    public async Task Xtb_ThroughSlurm_GivesTheSameLabelsAsLocally()
    {
        var ammonia = AtomicStructure.FromSymbols(["N", "H", "H", "H"], [0.02, -0.01, 0.12, 0.95, 0.03, -0.24, -0.46, 0.83, -0.27, -0.49, -0.80, -0.22]);
        var options = new XtbOptions { ScratchRoot = Path.Combine(_dir, "scratch") };
        var local = await new XtbOracle(options).LabelAsync(ammonia);

        var slurmOptions = options.WithSlurm(SlurmTestSetup.Options(WorkRoot));
        var remote = await new XtbOracle(slurmOptions).LabelAsync(ammonia).WaitAsync(Guard);

        Assert.True(local.IsSuccess, local.ToString());
        Assert.True(remote.IsSuccess, remote.ToString());
        Assert.Equal(local.Sample.Energy, remote.Sample.Energy);
        Assert.True(local.Sample.Forces.SequenceEqual(remote.Sample.Forces), "forces differ");
        Assert.Equal(local.Sample.Metadata, remote.Sample.Metadata);
        Assert.Equal(new[] { "COMPLETED" }, RealCluster.FinalStates((SlurmLauncher)slurmOptions.Launcher!, OracleCallKey.Compute(new XtbOracle(options).Identity, ammonia).Value));
    }

    [SlurmFact]
    public async Task LabelAsync_ConcurrentCalls_ShareSqueueQueries()
    {
        // Logging wrappers around the real client commands count what the launcher asks the controller.
        string shim = Path.Combine(_dir, "shim"), log = Path.Combine(shim, "calls.log");
        Directory.CreateDirectory(shim);
        foreach (string command in new[] { "sbatch", "squeue", "scontrol", "sacct", "scancel" })
        {
            string real = TestKit.Run("/bin/bash", "-c", "command -v " + command).Output.Trim();
            string path = Path.Combine(shim, command);
            File.WriteAllText(path, $"#!/bin/bash\necho \"{command} $*\" >> '{log}'\nexec '{real}' \"$@\"\n");
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }

        var oracle = SlurmTestSetup.Oracle(Path.Combine(_dir, "program"), CountFile, 1, SlurmTestSetup.Options(WorkRoot) with { CommandDirectory = shim });
        var molecules = FakeQcOracle.Molecules(8);

        var outcomes = await Task.WhenAll(molecules.Select(m => oracle.LabelAsync(m))).WaitAsync(Guard);

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.ToString()));
        var lookups = File.ReadAllLines(log).Where(l => l.StartsWith("squeue ", StringComparison.Ordinal))
            .Select(l => l.Split(' ').Single(a => a.StartsWith("--name=", StringComparison.Ordinal)).Split(',').Length).ToList();
        Assert.Equal(8, File.ReadAllLines(log).Count(l => l.StartsWith("sbatch ", StringComparison.Ordinal)));
        Assert.True(lookups.Count < lookups.Sum(), $"{lookups.Count} squeue calls for {lookups.Sum()} name lookups: no query was shared");
    }

    [SlurmFact]
    public async Task LabelAsync_CancelledWhileTheJobRuns_LeavesNoJob()
    {
        var oracle = SlurmTestSetup.Oracle(Path.Combine(_dir, "program"), CountFile, 60, SlurmTestSetup.Options(WorkRoot));
        var molecule = FakeQcOracle.Molecules(1)[0];
        string key = OracleCallKey.Compute(oracle.Identity, molecule).Value;
        var launcher = (SlurmLauncher)oracle.Launcher!;
        using var cts = new CancellationTokenSource();
        var call = oracle.LabelAsync(molecule, cts.Token);
        await WaitForAsync(() => RealCluster.States(launcher, key).Contains("RUNNING") && File.Exists(CountFile));

        await cts.CancelAsync();
        var outcome = await call.WaitAsync(Guard);

        Assert.Equal(OracleFailureKind.Cancelled, outcome.Failure?.Kind);
        Assert.Empty(RealCluster.LiveJobs(launcher, key));
        Assert.Equal(new[] { "CANCELLED" }, RealCluster.States(launcher, key));
    }

    [SlurmFact]
    public async Task Resume_AfterSigkillOfTheDriverMidLabelling_AdoptsOrHarvestsEveryJobAndRunsEachKeyOnce()
    {
        const int n = 4;
        string run = Path.Combine(_dir, "run");
        var requests = FakeQcOracle.Molecules(n).Select(s => new LabelRequest(s)).ToList();
        using (var host = HostProcess.Start("label", run, WorkRoot, CountFile, n.ToString(CultureInfo.InvariantCulture), "4"))
        {
            string ledgers = Path.Combine(WorkRoot, SlurmLauncher.LedgerDirectoryName);
            await WaitForAsync(() => Directory.Exists(ledgers)
                && Directory.GetFiles(ledgers).Count(f => File.ReadAllText(f).Contains(" submitted ", StringComparison.Ordinal)) == n);
            Assert.False(host.HasExited);
            host.KillHard();
        }

        using var store = RunStore.Open(run, RunStoreOpenMode.OpenExisting);
        Assert.Equal(n, store.GetOracleCalls(OracleCallStatus.Intent).Count); // all in flight at the kill
        var oracle = SlurmTestSetup.Oracle(Path.Combine(WorkRoot, "program"), CountFile, 4, SlurmTestSetup.Options(WorkRoot));
        var resumed = await new LabellingEngine(store).LabelAsync(oracle, requests, new LabellingOptions { MaxConcurrency = n }).WaitAsync(Guard);

        Assert.All(resumed.Outcomes, o => Assert.Equal(LabelStatus.Labelled, o.Status));
        var counts = File.ReadAllLines(CountFile).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(n, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
        foreach (string ledger in Directory.GetFiles(Path.Combine(WorkRoot, SlurmLauncher.LedgerDirectoryName)))
        {
            string[] lines = File.ReadAllLines(ledger);
            Assert.Single(lines, l => l.Contains(" submitted ", StringComparison.Ordinal));
        }

        for (int i = 0; i < n; i++)
        {
            Assert.Equal(FakeQcOracle.Expected(requests[i].Structure).Energy, resumed.Outcomes[i].Sample!.Energy, 12);
        }
    }

    [SlurmFact]
    public async Task LabelAsync_SlurmctldSigkilledAndRestartedMidRun_TheRunCompletes()
    {
        const int n = 4;
        using var store = RunStore.Open(Path.Combine(_dir, "run"), RunStoreOpenMode.CreateNew);
        var requests = FakeQcOracle.Molecules(n).Select(s => new LabelRequest(s)).ToList();
        var oracle = SlurmTestSetup.Oracle(Path.Combine(_dir, "program"), CountFile, 2, SlurmTestSetup.Options(WorkRoot));
        var labelling = new LabellingEngine(store).LabelAsync(oracle, requests, new LabellingOptions { MaxConcurrency = n });
        string ledgers = Path.Combine(WorkRoot, SlurmLauncher.LedgerDirectoryName);
        await WaitForAsync(() => Directory.Exists(ledgers) && Directory.GetFiles(ledgers).Any(f => File.ReadAllText(f).Contains(" submitted ", StringComparison.Ordinal)));

        RealCluster.KillController();
        await Task.Delay(1000);
        RealCluster.EnsureController();
        var result = await Task.Run(async () =>
        {
            // A restarted controller may drain the node ("Duplicate jobid"), or recover an earlier test's finished jobs as
            // RUNNING from its last saved state: resume the node and cancel those jobs, as an administrator would.
            var launcher = (SlurmLauncher)oracle.Launcher!;
            while (!labelling.IsCompleted)
            {
                RealCluster.ResumeNodeIfDrained();
                RealCluster.CancelForeignJobs(launcher);
                await Task.WhenAny(labelling, Task.Delay(1000));
            }

            return await labelling;
        }).WaitAsync(Guard);

        Assert.Equal(LabellingStatus.Completed, result.Status);
        Assert.All(result.Outcomes, o => Assert.Equal(LabelStatus.Labelled, o.Status));
        var counts = File.ReadAllLines(CountFile).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(n, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
    }

    [SlurmFact]
    public async Task LabelAsync_RecordedJobIdReusedByAnotherJob_IsDetectedByTheKeyCheckAndNotAdopted()
    {
        var oracle = SlurmTestSetup.Oracle(Path.Combine(_dir, "program"), CountFile, 0, SlurmTestSetup.Options(WorkRoot));
        var launcher = (SlurmLauncher)oracle.Launcher!;
        var molecule = FakeQcOracle.Molecules(1)[0];
        string key = OracleCallKey.Compute(oracle.Identity, molecule).Value;
        // What a controller crash leaves: the id recorded for this key now names somebody else's job.
        string foreign = RealCluster.SubmitSleeper("someone-else", _dir, 60);
        Directory.CreateDirectory(Path.GetDirectoryName(launcher.LedgerPath(key))!);
        File.WriteAllText(launcher.LedgerPath(key), $"2026-01-01T00:00:00.000Z submitted {foreign} {launcher.JobName(key)}\n");
        try
        {
            var outcome = await oracle.LabelAsync(molecule).WaitAsync(Guard);

            Assert.True(outcome.IsSuccess, outcome.ToString());
            Assert.Contains($"foreign {foreign} someone-else", File.ReadAllText(launcher.LedgerPath(key)), StringComparison.Ordinal);
            Assert.Contains(RealCluster.State(foreign), new[] { "RUNNING", "PENDING" }); // left alone
            Assert.Single(File.ReadAllLines(CountFile));
        }
        finally
        {
            RealCluster.Cancel(foreign);
        }
    }

    [SlurmFact]
    public async Task LabellingEngine_JobsExitingNonZeroOrWritingGarbage_AreClassifiedRecordedAndNotTrainedOn()
    {
        using var store = RunStore.Open(Path.Combine(_dir, "run"), RunStoreOpenMode.CreateNew);
        var good = FakeQcOracle.Molecules(1)[0];
        var helium = new AtomicStructure([2, 1, 1], good.Positions.ToArray());
        var neon = new AtomicStructure([10, 1, 1], good.Positions.ToArray());
        var oracle = SlurmTestSetup.Oracle(Path.Combine(_dir, "program"), CountFile, 0, SlurmTestSetup.Options(WorkRoot));

        var result = await new LabellingEngine(store).LabelAsync(oracle, [new(good), new(helium), new(neon)], new LabellingOptions { MaxConcurrency = 3 }).WaitAsync(Guard);

        Assert.Equal(new[] { LabelStatus.Labelled, LabelStatus.Failed, LabelStatus.Failed }, result.Outcomes.Select(o => o.Status));
        Assert.Equal(OracleFailureKind.Crash, result.Outcomes[1].Failure!.Kind);
        Assert.Equal(OracleFailureKind.ParseError, result.Outcomes[2].Failure!.Kind);
        Assert.Single(result.Samples);
        Assert.Equal(2, store.GetOracleCalls(OracleCallStatus.Failed).Count);
        Assert.Contains("helium is not supported", store.GetOracleCall(result.Outcomes[1].Key)!.Failure!.Message, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in time");
            await Task.Delay(100);
        }
    }
}
