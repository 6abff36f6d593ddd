namespace AdversarialSampling.Slurm.Tests;

/// <summary>Parsing of the SLURM 22.05 text outputs recorded on this machine (reliability.md §5).</summary>
public sealed class SlurmTextTests
{
    private const string ScontrolLine =
        "JobId=2 JobName=as-abc123 UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901758 Nice=0 Account=(null) QOS=(null) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0 RunTime=00:00:03 TimeLimit=UNLIMITED TimeMin=N/A SubmitTime=2026-11-26T16:38:58 EligibleTime=2026-11-26T16:38:58 AccrueTime=2026-11-26T16:38:58 StartTime=2026-11-26T16:38:59 EndTime=2026-11-26T16:39:02 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-11-26T16:38:59 Scheduler=Main Partition=debug AllocNode:Sid=localhost:16233 ReqNodeList=(null) ExcNodeList=(null) NodeList=vm BatchHost=vm NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=/tmp/sl-t/j.sh WorkDir=/tmp/sl-t Comment=adversarial-sampling:abc123  StdErr=/tmp/sl-t/slurm-2.out StdIn=/dev/null StdOut=/tmp/sl-t/slurm-2.out Power= \n";

    [Theory]
    [InlineData("2\n", "2")]
    [InlineData("1234;astest\n", "1234")]
    [InlineData("", null)]
    [InlineData("sbatch: error: something\n", null)]
    public void ParseSbatch_ParsableOutput_GivesTheJobId(string stdout, string? expected)
        => Assert.Equal(expected, SlurmText.ParseSbatch(stdout));

    [Fact]
    public void ParseSqueue_PipeSeparatedLines_GiveJobsWithNormalizedStates()
    {
        var jobs = SlurmText.ParseSqueue("2|as-abc123|RUNNING|None|adversarial-sampling:abc123\n3|as-x2|FAILED|NonZeroExitCode|\n\n");

        Assert.Equal(2, jobs.Count);
        Assert.Equal(new SlurmJob("2", "as-abc123", "RUNNING", "None", "adversarial-sampling:abc123"), jobs[0]);
        Assert.Equal(("3", "FAILED", "NonZeroExitCode", ""), (jobs[1].Id, jobs[1].State, jobs[1].Reason, jobs[1].Comment));
    }

    [Fact]
    public void ParseSqueue_EmptyOutput_GivesNoJobs() => Assert.Empty(SlurmText.ParseSqueue(""));

    [Fact]
    public void ParseScontrol_OneLineRecord_GivesNameStateReasonCommentAndExitCode()
    {
        var job = SlurmText.ParseScontrol(ScontrolLine);

        Assert.Equal(new SlurmJob("2", "as-abc123", "FAILED", "NonZeroExitCode", "adversarial-sampling:abc123", "3:0"), job);
    }

    [Fact]
    public void ParseSacct_ParsableLines_SkipStepsAndNormalizeCancelledBy()
    {
        var jobs = SlurmText.ParseSacct("5|as-k|CANCELLED by 0|0:15\n5.batch|batch|CANCELLED|0:15\n6|as-k|TIMEOUT|0:0\n");

        Assert.Equal(new[] { "5:CANCELLED", "6:TIMEOUT" }, jobs.Select(j => $"{j.Id}:{j.State}"));
    }

    [Theory]
    [InlineData("sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)", true)]
    [InlineData("slurm_load_jobs error: Unable to contact slurm controller (connect failure)", true)]
    [InlineData("slurm_load_jobs error: Socket timed out on send/recv operation", true)]
    [InlineData("sbatch: error: slurm_msg_sendto: address:port=127.0.0.1:24416 msg_type=4003: Unexpected missing socket error", true)]
    [InlineData("sbatch: error: Batch job submission failed: Connection reset by peer", true)]
    [InlineData("sbatch: error: Batch job submission failed: Resource temporarily unavailable", true)]
    [InlineData("slurm_load_jobs error: Invalid job id specified", false)]
    [InlineData("sbatch: error: Batch job submission failed: Requested node configuration is not available", false)]
    [InlineData("sbatch: error: Batch job submission failed: Invalid partition name specified", false)]
    public void IsControllerUnreachable_ClientMessages_RecognisesOutagesOnly(string message, bool expected)
        => Assert.Equal(expected, SlurmText.IsControllerUnreachable(message));

    [Fact]
    public void IsAccountingDisabled_SacctMessage_IsRecognised()
    {
        Assert.True(SlurmText.IsAccountingDisabled("\nSlurm accounting storage is disabled\n"));
        Assert.False(SlurmText.IsAccountingDisabled("5|as-k|COMPLETED|0:0"));
    }

    [Fact]
    public void IsInvalidJobId_PurgedIdMessage_IsRecognised()
        => Assert.True(SlurmText.IsInvalidJobId("slurm_load_jobs error: Invalid job id specified"));
}
