using System.Collections.Frozen;
using AdversarialSampling.Oracles;

namespace AdversarialSampling.Slurm;

/// <summary>
/// The rule of reliability.md §2: completion is decided by the job's own result manifest, never by the scheduler's
/// state; the state only classifies a failure when no manifest exists.
/// </summary>
internal static class SlurmJobClassifier
{
    /// <summary>The exit code of the job script when one of <see cref="SlurmOptions.SetupLines"/> failed.</summary>
    public const int SetupFailureExitCode = 91;

    /// <summary>States after which a job never runs again (SLURM 22.05 job state codes).</summary>
    public static readonly FrozenSet<string> TerminalStates = FrozenSet.ToFrozenSet(
        ["COMPLETED", "CANCELLED", "FAILED", "TIMEOUT", "PREEMPTED", "NODE_FAIL", "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY", "REVOKED", "SPECIAL_EXIT"],
        StringComparer.Ordinal);

    /// <summary>True for a state after which the job may still run (every state not in <see cref="TerminalStates"/>, unknown ones too).</summary>
    /// <param name="state">The state.</param>
    /// <returns>True when the job may still be (or become) alive.</returns>
    public static bool IsLive(string state) => !TerminalStates.Contains(state);

    /// <summary>
    /// Pending-job reasons with which SLURM itself holds a job that will then never start on its own: the launch failed
    /// and the job was requeued held (for example after a restart of slurmctld found the job id still on the node), or
    /// the job reached its requeue limit. A hold placed by a user or an administrator (JobHeldUser, JobHeldAdmin) is a
    /// human decision and is not in this set.
    /// </summary>
    public static readonly FrozenSet<string> SystemHoldReasons = FrozenSet.ToFrozenSet(
        ["launch failed requeued held", "JobHoldMaxRequeue"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>True for a pending job that SLURM held after a failed launch (<see cref="SystemHoldReasons"/>).</summary>
    /// <param name="job">The job.</param>
    /// <returns>True when the job will not run unless someone releases or replaces it.</returns>
    public static bool IsHeldBySystem(SlurmJob job)
        => job.State == "PENDING" && SystemHoldReasons.Contains(job.Reason.Trim());

    /// <summary>True for a pending job held by a user or an administrator (reason JobHeldUser or JobHeldAdmin).</summary>
    /// <param name="job">The job.</param>
    /// <returns>True when the job waits for a human to release it.</returns>
    public static bool IsHeldByPerson(SlurmJob job)
        => job.State == "PENDING" && job.Reason.Trim() is "JobHeldUser" or "JobHeldAdmin";

    /// <summary>Decides what to do with a key's job.</summary>
    /// <param name="job">The key's newest job not yet consumed, or null when the scheduler knows none.</param>
    /// <param name="manifestPresent">Whether the key's manifest exists (with the right key inside).</param>
    /// <param name="oracleName">The oracle's name, for messages.</param>
    /// <returns>The verdict.</returns>
    public static SlurmVerdict Decide(SlurmJob? job, bool manifestPresent, string oracleName)
    {
        if (manifestPresent)
        {
            return new(SlurmVerdictKind.Harvest);
        }

        if (job is null)
        {
            return new(SlurmVerdictKind.Submit);
        }

        if (IsLive(job.State))
        {
            return new(SlurmVerdictKind.Wait);
        }

        string about = $"{oracleName}: SLURM job {job.Id} ended in state {job.State}{(job.Reason is "" or "None" ? "" : $" ({job.Reason})")}{(job.ExitCode is null ? "" : $", exit code {job.ExitCode}")} without writing its result manifest";
        return job.State switch
        {
            "COMPLETED" => new(SlurmVerdictKind.Submit), // the script ended normally but left no manifest (removed after a harvest whose commit was lost): run again
            "TIMEOUT" or "DEADLINE" => Fail(OracleFailureKind.Timeout, $"{about}: it reached its time limit (raise SlurmOptions.TimeLimit or the oracle's Timeout)."),
            "OUT_OF_MEMORY" => Fail(OracleFailureKind.Crash, $"{about}: it ran out of memory (raise SlurmOptions.MemoryMb)."),
            "NODE_FAIL" or "BOOT_FAIL" or "PREEMPTED" or "REVOKED" => Fail(OracleFailureKind.Infrastructure, $"{about}: a node or the scheduler ended it; it will be submitted again."),
            "CANCELLED" => Fail(OracleFailureKind.Cancelled, $"{about}: it was cancelled outside this run (scancel or an administrator); it will be submitted again."),
            "FAILED" when job.ExitCode?.Split(':')[0] == SetupFailureExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)
                => Fail(OracleFailureKind.SetupError, $"{about}: a setup line failed (see SlurmOptions.SetupLines and the job's slurm-{job.Id}.out)."),
            _ => Fail(OracleFailureKind.Crash, $"{about} (see slurm-{job.Id}.out in its work directory)."),
        };
    }

    private static SlurmVerdict Fail(OracleFailureKind kind, string message) => new(SlurmVerdictKind.Fail, new OracleFailure(kind, message));
}
