using System.Collections.Immutable;
using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;
using AdversarialSampling.Slurm.TestHost;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Slurm.Tests;

/// <summary>
/// The dispatcher against fake SLURM commands that replay 22.05's outputs and exit codes (FakeSlurm/fake-lib.sh):
/// submission, adoption, harvest, classification without a manifest, lost and forgotten jobs, reused ids, an
/// unreachable controller and cancellation.
/// </summary>
public sealed class SlurmLauncherTests : IDisposable
{
    private static readonly AtomicStructure Molecule = FakeQcOracle.Molecules(1)[0];
    private readonly FakeSlurm _slurm = new();

    private string CountFile => Path.Combine(_slurm.Root, "count.txt");

    public void Dispose() => _slurm.Dispose();

    [Fact]
    public async Task LabelAsync_FreshKey_SubmitsOneJobAndEqualsTheLocalRun()
    {
        var oracle = Oracle();

        var outcome = await oracle.LabelAsync(Molecule);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        var local = await LocalOracle().LabelAsync(Molecule);
        Assert.Equal(local.Sample!.Energy, outcome.Sample.Energy);
        Assert.True(local.Sample.Forces.SequenceEqual(outcome.Sample.Forces), string.Join(" ", local.Sample.Forces.Select(f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + " | " + string.Join(" ", outcome.Sample.Forces.Select(f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        var submission = Assert.Single(_slurm.Calls("sbatch"));
        Assert.Contains("--parsable", submission, StringComparison.Ordinal);
        Assert.All(_slurm.Calls("squeue"), c => Assert.Contains("-t all", c, StringComparison.Ordinal));
        Assert.False(Directory.Exists(Launcher(oracle).WorkDirectory(Key(oracle))), "a succeeded call's work directory is removed");
        Assert.Equal(2, Counts().Values.Sum()); // the SLURM job and the local run
    }

    [Fact]
    public async Task LabelAsync_LiveJobOfTheKeyFromACrashedDriver_IsAdoptedNotSubmittedAgain()
    {
        string jobId = await LeaveRunningJobAsync();
        SetRunAfter(jobId, 3); // it finishes after three more polls

        var outcome = await Oracle().LabelAsync(Molecule);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Single(_slurm.Calls("sbatch"));
        Assert.Contains($"adopted {jobId}", LedgerText(), StringComparison.Ordinal);
        Assert.Equal(1, Counts().Single().Value);
    }

    [Fact]
    public async Task LabelAsync_JobFinishedAndPurgedWhileTheDriverWasDown_IsHarvestedFromItsManifest()
    {
        string jobId = await LeaveRunningJobAsync();
        string dir = Path.Combine(_slurm.WorkRoot, "calls", _slurm.Job(jobId)[0]["as-".Length..]);
        Assert.Equal(0, TestKit.Run("/bin/bash", "-c", $"cd '{dir}' && SLURM_JOB_ID={jobId} bash job.sh").ExitCode);
        _slurm.AddJob(jobId, _slurm.Job(jobId)[0], "COMPLETED", _slurm.Job(jobId)[3], dir, purged: true);

        var outcome = await Oracle().LabelAsync(Molecule);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Single(_slurm.Calls("sbatch"));
        Assert.Equal(1, Counts().Single().Value);
    }

    [Theory]
    [InlineData("die:TIMEOUT", OracleFailureKind.Timeout)]
    [InlineData("die:DEADLINE", OracleFailureKind.Timeout)]
    [InlineData("die:OUT_OF_MEMORY", OracleFailureKind.Crash)]
    [InlineData("die:NODE_FAIL", OracleFailureKind.Infrastructure)]
    [InlineData("die:PREEMPTED", OracleFailureKind.Infrastructure)]
    [InlineData("die:CANCELLED", OracleFailureKind.Cancelled)]
    [InlineData("die:FAILED:1", OracleFailureKind.Crash)]
    [InlineData("die:FAILED:91", OracleFailureKind.SetupError)]
    public async Task LabelAsync_JobEndsWithoutManifest_SchedulerStateClassifiesTheFailure(string behaviour, OracleFailureKind kind)
    {
        _slurm.QueueJobs(behaviour);

        var outcome = await Oracle().LabelAsync(Molecule);

        Assert.False(outcome.IsSuccess);
        Assert.Equal(kind, outcome.Failure.Kind);
        Assert.Single(_slurm.Calls("sbatch"));
        Assert.Contains("consumed", LedgerText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_ClassifiedJobThenRetried_SubmitsANewJobInsteadOfReusingTheOldState()
    {
        _slurm.QueueJobs("die:NODE_FAIL");
        var oracle = Oracle();
        Assert.Equal(OracleFailureKind.Infrastructure, (await oracle.LabelAsync(Molecule)).Failure!.Kind);

        var retried = await oracle.LabelAsync(Molecule);

        Assert.True(retried.IsSuccess, retried.ToString());
        Assert.Equal(2, _slurm.Calls("sbatch").Count);
    }

    [Theory]
    [InlineData("disabled0")]
    [InlineData("disabled1")]
    public async Task LabelAsync_JobPurgedWithoutManifestAndAccountingDisabled_IsSubmittedAgain(string accounting)
    {
        _slurm.Accounting(accounting);
        string jobId = await LeaveRunningJobAsync();
        var job = _slurm.Job(jobId);
        _slurm.AddJob(jobId, job[0], "COMPLETED", job[3], job[5], purged: true); // ended, no manifest, gone from squeue

        var outcome = await Oracle().LabelAsync(Molecule);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Equal(2, _slurm.Calls("sbatch").Count);
        Assert.Single(_slurm.Calls("sacct"));
    }

    [Fact]
    public async Task LabelAsync_JobPurgedAndAccountingKnowsItTimedOut_IsClassifiedWithoutResubmitting()
    {
        _slurm.Accounting("on");
        string jobId = await LeaveRunningJobAsync();
        var job = _slurm.Job(jobId);
        _slurm.AddJob(jobId, job[0], "TIMEOUT", job[3], job[5], purged: true);

        var outcome = await Oracle().LabelAsync(Molecule);

        Assert.Equal(OracleFailureKind.Timeout, outcome.Failure?.Kind);
        Assert.Single(_slurm.Calls("sbatch"));
    }

    [Fact]
    public async Task LabelAsync_JobCompletedWithoutManifest_WaitsTheGracePeriodThenSubmitsAgain()
    {
        _slurm.QueueJobs("die:COMPLETED");

        var outcome = await Oracle().LabelAsync(Molecule);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Equal(2, _slurm.Calls("sbatch").Count);
    }

    [Fact]
    public async Task LabelAsync_AdoptedJobHeldBySlurmAfterAFailedLaunch_CancelsItAndSubmitsOneNewJob()
    {
        var oracle = Oracle();
        AddPendingJobOfTheCall(oracle, "7", "launch failed requeued held");

        var outcome = await oracle.LabelAsync(Molecule);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Equal("CANCELLED", _slurm.Job("7")[1]);
        Assert.Single(_slurm.Calls("sbatch"));
        Assert.Contains("consumed 7 held", LedgerText(), StringComparison.Ordinal);
        Assert.Equal(1, Counts().Values.Single());
    }

    [Fact]
    public async Task LabelAsync_EverySubmissionHeldBySlurm_FailsAsInfrastructureAfterMaxResubmissions()
    {
        _slurm.QueueJobs("held", "held", "held");

        var outcome = await Oracle(o => o with { MaxResubmissions = 2 }).LabelAsync(Molecule);

        Assert.Equal(OracleFailureKind.Infrastructure, outcome.Failure?.Kind);
        Assert.Contains("SLURM held 3 jobs", outcome.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("launch failed requeued held", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, _slurm.Calls("sbatch").Count);
        Assert.All(_slurm.JobIds(), id => Assert.Equal("CANCELLED", _slurm.Job(id)[1]));
    }

    [Fact]
    public async Task LabelAsync_JobHeldByAUser_WaitsForItAndSubmitsNothing()
    {
        var oracle = Oracle();
        AddPendingJobOfTheCall(oracle, "7", "JobHeldUser");
        using var cts = new CancellationTokenSource();
        var call = oracle.LabelAsync(Molecule, cts.Token);
        await WaitForAsync(() => _slurm.Calls("squeue").Count >= 10);

        Assert.Equal("PENDING", _slurm.Job("7")[1]);
        Assert.Empty(_slurm.Calls("sbatch"));
        await cts.CancelAsync();
        var outcome = await call;
        Assert.Equal(OracleFailureKind.Cancelled, outcome.Failure?.Kind);
    }

    [Fact]
    public async Task LabelAsync_ControllerForgotTheJob_SubmitsAgainOnce()
    {
        _slurm.QueueJobs("forget");

        var outcome = await Oracle().LabelAsync(Molecule);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Equal(2, _slurm.Calls("sbatch").Count);
        Assert.Contains("vanished", LedgerText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_RecordedJobIdNowBelongsToAnotherJob_DetectsTheReuseAndDoesNotAdoptIt()
    {
        var oracle = Oracle();
        string key = Key(oracle);
        var launcher = Launcher(oracle);
        Directory.CreateDirectory(Path.GetDirectoryName(launcher.LedgerPath(key))!);
        File.WriteAllText(launcher.LedgerPath(key), $"2026-01-01T00:00:00.000Z submitted 7 {launcher.JobName(key)}\n");
        _slurm.AddJob("7", "as-someone-else", "RUNNING", "adversarial-sampling:other", _slurm.Root, runAfter: 1000);

        var outcome = await oracle.LabelAsync(Molecule);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Contains("foreign 7 as-someone-else", LedgerText(), StringComparison.Ordinal);
        Assert.Equal("RUNNING", _slurm.Job("7")[1]); // left alone
        Assert.Single(_slurm.Calls("sbatch"));
        Assert.Single(_slurm.Calls("scontrol show job 7"));
    }

    [Fact]
    public async Task LabelAsync_ControllerUnreachableForTwoSubmissions_RetriesAndSucceeds()
    {
        _slurm.QueueSbatch("down", "down");

        var outcome = await Oracle().LabelAsync(Molecule);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Equal(3, _slurm.Calls("sbatch").Count);
    }

    [Fact]
    public async Task LabelAsync_ControllerStaysUnreachable_FailsAsInfrastructureAfterTheSubmitAttempts()
    {
        _slurm.QueueSbatch("down", "down", "down", "down");

        var outcome = await Oracle(o => o with { SubmitAttempts = 4 }).LabelAsync(Molecule);

        Assert.Equal(OracleFailureKind.Infrastructure, outcome.Failure?.Kind);
        Assert.Contains("Unable to contact slurm controller", outcome.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(4, _slurm.Calls("sbatch").Count);
    }

    [Fact]
    public async Task LabelAsync_SqueueCannotReachTheController_KeepsPollingUntilItAnswers()
    {
        _slurm.QueueJobs("live:2");
        var oracle = Oracle();
        var call = oracle.LabelAsync(Molecule);
        await WaitForAsync(Submitted);
        _slurm.ControllerDown(5);

        var outcome = await call;

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Single(_slurm.Calls("sbatch"));
    }

    [Fact]
    public async Task LabelAsync_SqueueUnreachableLongerThanTheTolerance_FailsAsInfrastructure()
    {
        _slurm.QueueJobs("live:1000");
        var oracle = Oracle(o => o with { ControllerOutageTolerance = TimeSpan.FromMilliseconds(200) });
        var call = oracle.LabelAsync(Molecule);
        await WaitForAsync(Submitted);
        _slurm.ControllerDown(null);

        var outcome = await call;

        Assert.Equal(OracleFailureKind.Infrastructure, outcome.Failure?.Kind);
        Assert.Contains("adopted when the run resumes", outcome.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_SbatchRejectsTheJob_IsASetupError()
    {
        _slurm.QueueSbatch("reject");

        var outcome = await Oracle().LabelAsync(Molecule);

        Assert.Equal(OracleFailureKind.SetupError, outcome.Failure?.Kind);
        Assert.Contains("Invalid partition", outcome.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_Cancelled_CancelsTheJobByNameAndConsumesIt()
    {
        _slurm.QueueJobs("live:100000");
        var oracle = Oracle();
        using var cts = new CancellationTokenSource();
        var call = oracle.LabelAsync(Molecule, cts.Token);
        await WaitForAsync(Submitted);

        await cts.CancelAsync();
        var outcome = await call;

        Assert.Equal(OracleFailureKind.Cancelled, outcome.Failure?.Kind);
        string jobId = _slurm.JobIds().Single();
        Assert.Equal($"scancel {jobId}", Assert.Single(_slurm.Calls("scancel")));
        Assert.Equal("CANCELLED", _slurm.Job(jobId)[1]);
        Assert.Contains("cancelled", LedgerText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_ProgramExitsNonZeroInTheJob_IsClassifiedByTheOracleFromTheManifest()
    {
        var helium = new AtomicStructure([2, 1, 1], Molecule.Positions.ToArray());

        var outcome = await Oracle().LabelAsync(helium);

        Assert.Equal(OracleFailureKind.Crash, outcome.Failure?.Kind);
        Assert.Contains("exited with code 3", outcome.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("helium is not supported", outcome.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_ProgramWritesGarbage_IsAParseError()
    {
        var neon = new AtomicStructure([10, 1, 1], Molecule.Positions.ToArray());

        var outcome = await Oracle().LabelAsync(neon);

        Assert.Equal(OracleFailureKind.ParseError, outcome.Failure?.Kind);
    }

    [Fact]
    public async Task LabellingEngine_BatchThroughFakeSlurm_LabelsEveryKeyOnceAndReusesThemNextTime()
    {
        string run = Path.Combine(_slurm.Root, "run");
        using var store = RunStore.Open(run, RunStoreOpenMode.CreateNew);
        var requests = FakeQcOracle.Molecules(4).Select(s => new LabelRequest(s)).ToList();
        var engine = new LabellingEngine(store);

        var first = await engine.LabelAsync(Oracle(), requests, new LabellingOptions { MaxConcurrency = 4 });
        var second = await engine.LabelAsync(Oracle(), requests);

        Assert.All(first.Outcomes, o => Assert.Equal(LabelStatus.Labelled, o.Status));
        Assert.All(first.Outcomes, o => Assert.Matches("^[0-9]+$", store.GetOracleCall(o.Key)!.ExternalJobId)); // recorded through the call context
        Assert.All(second.Outcomes, o => Assert.Equal(LabelStatus.Reused, o.Status));
        Assert.Equal(4, _slurm.Calls("sbatch").Count);
        Assert.All(Counts().Values, c => Assert.Equal(1, c));
        Assert.Contains(_slurm.Calls("squeue"), c => c.Split(' ').Any(a => a.StartsWith("--name=", StringComparison.Ordinal) && a.Count(ch => ch == ',') >= 1)); // concurrent calls share squeue queries
        for (int i = 0; i < 4; i++)
        {
            var (energy, forces) = FakeQcOracle.Expected(requests[i].Structure);
            Assert.Equal(energy, first.Outcomes[i].Sample!.Energy, 12);
            Assert.Equal(forces, first.Outcomes[i].Sample!.Forces.ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
        }
    }

    [Fact]
    public async Task LabellingEngine_ControllerDown_PausesWithNothingRecordedAndResumesLater()
    {
        using var store = RunStore.Open(Path.Combine(_slurm.Root, "run"), RunStoreOpenMode.CreateNew);
        var requests = new[] { new LabelRequest(Molecule) };
        var options = new LabellingOptions { InfrastructureAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };
        _slurm.ControllerDown(null);

        var paused = await new LabellingEngine(store).LabelAsync(Oracle(o => o with { ControllerOutageTolerance = TimeSpan.FromMilliseconds(100) }), requests, options);
        _slurm.ControllerUp();
        var resumed = await new LabellingEngine(store).LabelAsync(Oracle(), requests, options);

        Assert.Equal(LabellingStatus.Paused, paused.Status);
        Assert.Equal(OracleFailureKind.Infrastructure, paused.PauseReason?.Kind);
        Assert.Equal(LabellingStatus.Completed, resumed.Status);
        Assert.Equal(LabelStatus.Labelled, Assert.Single(resumed.Outcomes).Status);
        Assert.Single(_slurm.Calls("sbatch"));
    }

    /// <summary>Submits the molecule's job (RUNNING for a long time) and cancels the call without cancelling the job, as a crashed driver leaves it.</summary>
    private async Task<string> LeaveRunningJobAsync()
    {
        _slurm.QueueJobs("live:100000");
        using var cts = new CancellationTokenSource();
        var call = Oracle(o => o with { CancelJobsOnCancellation = false }).LabelAsync(Molecule, cts.Token);
        await WaitForAsync(Submitted);
        await cts.CancelAsync();
        Assert.Equal(OracleFailureKind.Cancelled, (await call).Failure?.Kind);
        Assert.Empty(_slurm.Calls("scancel"));
        return _slurm.JobIds().Single();
    }

    /// <summary>True once the launcher recorded its submission in the ledger.</summary>
    private bool Submitted()
        => Directory.Exists(Path.Combine(_slurm.WorkRoot, "ledger")) && LedgerText().Contains(" submitted ", StringComparison.Ordinal);

    private void SetRunAfter(string id, int polls)
    {
        var f = _slurm.Job(id);
        _slurm.AddJob(id, f[0], f[1], f[3], f[5], f[4], polls);
    }

    private FakeQcOracle Oracle(Func<SlurmOptions, SlurmOptions>? change = null)
        => new(FakeQcOracle.WriteProgram(Path.Combine(_slurm.Root, "program")), BaseOptions().WithSlurm(_slurm.Options(change)));

    private FakeQcOracle LocalOracle() => new(FakeQcOracle.WriteProgram(Path.Combine(_slurm.Root, "program")), BaseOptions());

    private ProcessOracleOptions BaseOptions() => new()
    {
        ScratchRoot = Path.Combine(_slurm.Root, "scratch"),
        Environment = ImmutableDictionary<string, string>.Empty.Add("FAKE_QC_COUNT", CountFile),
    };

    private static SlurmLauncher Launcher(FakeQcOracle oracle) => (SlurmLauncher)oracle.Launcher!;

    /// <summary>A PENDING job with the name and comment of <paramref name="oracle"/>'s call on <see cref="Molecule"/>, as an earlier driver left it.</summary>
    private void AddPendingJobOfTheCall(FakeQcOracle oracle, string id, string reason)
    {
        string key = Key(oracle);
        var launcher = Launcher(oracle);
        _slurm.AddJob(id, launcher.JobName(key), "PENDING", launcher.JobComment(key), _slurm.Root, reason: reason);
    }

    private static string Key(IOracle oracle) => OracleCallKey.Compute(oracle.Identity, Molecule).Value;

    private string LedgerText()
        => string.Concat(Directory.GetFiles(Path.Combine(_slurm.WorkRoot, "ledger")).Select(File.ReadAllText));

    private Dictionary<string, int> Counts()
        => File.Exists(CountFile)
            ? File.ReadAllLines(CountFile).Where(l => l.Length > 0).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count())
            : [];

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the condition did not come true within 10 s");
    }
}
