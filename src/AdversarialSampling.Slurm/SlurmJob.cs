namespace AdversarialSampling.Slurm;

/// <summary>One job as the scheduler reports it (from <c>squeue</c>, <c>scontrol show job</c> or <c>sacct</c>).</summary>
/// <param name="Id">The job id (e.g. "1234").</param>
/// <param name="Name">The job name.</param>
/// <param name="State">The state, upper case without qualifiers ("CANCELLED by 0" → "CANCELLED").</param>
/// <param name="Reason">The scheduler's reason (e.g. "None", "NonZeroExitCode", "Resources"), or empty.</param>
/// <param name="Comment">The job comment, or empty.</param>
/// <param name="ExitCode">The exit code as SLURM prints it ("code:signal", e.g. "91:0"), or null when not reported.</param>
internal sealed record SlurmJob(string Id, string Name, string State, string Reason, string Comment, string? ExitCode = null)
{
    /// <summary>The id as a number for ordering (newest = largest); -1 when it is not a plain number.</summary>
    public long Number => long.TryParse(Id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) ? n : -1;
}
