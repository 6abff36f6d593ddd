using System.Collections.Immutable;
using System.Globalization;

namespace AdversarialSampling.Slurm;

/// <summary>
/// How process-oracle calls run as SLURM batch jobs (<see cref="SlurmLauncher"/>): where their work directories live,
/// which resources each job asks for, and how the dispatcher polls and retries. A plain, JSON-friendly record (time
/// spans as <c>"hh:mm:ss"</c> strings); none of it enters oracle identities or call keys.
/// </summary>
public sealed record SlurmOptions
{
    /// <summary>
    /// Root of the per-call work directories (<c>WorkRoot/calls/KEY</c>) and of the job ledgers
    /// (<c>WorkRoot/ledger/KEY.log</c>). Required; it must be on a file system that the compute nodes share with the
    /// submit host (e.g. <c>$HOME</c> or a project/scratch file system, not <c>/tmp</c>), and it should belong to one run.
    /// </summary>
    public string? WorkRoot { get; init; }

    /// <summary>Partition (<c>--partition</c>); default null: the cluster's default partition.</summary>
    public string? Partition { get; init; }

    /// <summary>
    /// Wall-clock limit of each job (<c>--time</c>, rounded up to whole minutes — SLURM's resolution). Default null: the
    /// oracle's <c>Timeout</c> when it has one, otherwise the partition's default limit. A job killed at its limit
    /// without a result is an oracle <c>Timeout</c> failure.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>CPUs of the job's single task (<c>--cpus-per-task</c>, ≥ 1); default 1. Match the oracle's thread count.</summary>
    public int CpusPerTask { get; init; } = 1;

    /// <summary>Memory per node in MB (<c>--mem</c>, ≥ 1); default null: the partition's default.</summary>
    public int? MemoryMb { get; init; }

    /// <summary>
    /// Further <c>#SBATCH</c> directives, one per item, with or without the <c>#SBATCH</c> prefix (e.g.
    /// <c>"--account=chem123"</c>, <c>"--qos=short"</c>, <c>"--constraint=skylake"</c>). Default none.
    /// </summary>
    public IReadOnlyList<string> ExtraDirectives { get; init; } = [];

    /// <summary>
    /// Shell lines run in the job before the program (bash), e.g. <c>"module load xtb/6.5.1"</c> or
    /// <c>"source /opt/qc/env.sh"</c>. If one fails the job ends with exit code 91 and the call is an oracle
    /// <c>SetupError</c>. Default none.
    /// </summary>
    public IReadOnlyList<string> SetupLines { get; init; } = [];

    /// <summary>How often a waiting call looks for its manifest and asks the scheduler about its job; default 15 s (≥ 10 ms).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a job that COMPLETED without a visible manifest is given for the manifest to appear (network file
    /// systems cache directory entries) before it counts as lost and is submitted again; default 1 min (≥ 0).
    /// </summary>
    public TimeSpan ManifestGracePeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Prefix of job names (<c>PREFIX + key</c>); default <c>"as-"</c>. Letters, digits, '-', '_' and '.' only.</summary>
    public string JobNamePrefix { get; init; } = "as-";

    /// <summary>Attempts of <c>sbatch</c> while the controller is unreachable before the call fails as infrastructure trouble; default 5 (≥ 1).</summary>
    public int SubmitAttempts { get; init; } = 5;

    /// <summary>Delay after the first failed <c>sbatch</c>; doubles per attempt up to <see cref="RetryMaxDelay"/>. Default 5 s.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest delay between <c>sbatch</c> attempts; default 2 min.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a waiting call tolerates an unreachable controller before it fails as infrastructure trouble (the loop
    /// then pauses; its job, if any, is left alone and adopted on resume). Default 15 min.
    /// </summary>
    public TimeSpan ControllerOutageTolerance { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Resubmissions per call of a job that vanished (forgotten by a restarted controller, purged) or completed
    /// without writing its manifest; default 2 (≥ 0). When used up the call fails as infrastructure trouble.
    /// </summary>
    public int MaxResubmissions { get; init; } = 2;

    /// <summary>
    /// Cancel (<c>scancel</c>) a call's job when the call is cancelled; default true. False: the job runs on and is
    /// adopted when the run resumes (useful to stop the driving process without losing running work).
    /// </summary>
    public bool CancelJobsOnCancellation { get; init; } = true;

    /// <summary>Ask accounting (<c>sacct</c>) about jobs the controller no longer lists; default true ("accounting storage is disabled" is handled).</summary>
    public bool UseAccounting { get; init; } = true;

    /// <summary>Directory holding <c>sbatch</c>, <c>squeue</c>, <c>scontrol</c>, <c>sacct</c> and <c>scancel</c>; default null: looked up on PATH.</summary>
    public string? CommandDirectory { get; init; }

    /// <summary>Longest run of one SLURM command before it counts as an unreachable controller; default 2 min.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Checks every option and throws one exception listing every problem.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid (all named).</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(WorkRoot))
        {
            problems.Add("WorkRoot is required: a directory shared by the submit host and the compute nodes.");
        }

        if (CpusPerTask < 1)
        {
            problems.Add(Invariant($"CpusPerTask must be ≥ 1 (found {CpusPerTask})."));
        }

        if (MemoryMb is < 1)
        {
            problems.Add(Invariant($"MemoryMb must be ≥ 1 or null (found {MemoryMb})."));
        }

        if (TimeLimit is { } limit && limit <= TimeSpan.Zero)
        {
            problems.Add(Invariant($"TimeLimit must be positive or null (found {limit})."));
        }

        if (PollInterval < TimeSpan.FromMilliseconds(10))
        {
            problems.Add(Invariant($"PollInterval must be ≥ 10 ms (found {PollInterval})."));
        }

        if (string.IsNullOrEmpty(JobNamePrefix) || !JobNamePrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            problems.Add($"JobNamePrefix must be non-empty and use only letters, digits, '-', '_' and '.' (found '{JobNamePrefix}').");
        }

        if (SubmitAttempts < 1 || MaxResubmissions < 0)
        {
            problems.Add(Invariant($"SubmitAttempts must be ≥ 1 and MaxResubmissions ≥ 0 (found {SubmitAttempts} and {MaxResubmissions})."));
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < TimeSpan.Zero || ControllerOutageTolerance < TimeSpan.Zero || ManifestGracePeriod < TimeSpan.Zero || CommandTimeout <= TimeSpan.Zero)
        {
            problems.Add("RetryBaseDelay, RetryMaxDelay, ControllerOutageTolerance and ManifestGracePeriod must not be negative, and CommandTimeout must be positive.");
        }

        if (Partition is not null && (string.IsNullOrWhiteSpace(Partition) || Partition.Any(char.IsWhiteSpace)))
        {
            problems.Add($"Partition must be null or a name without spaces (found '{Partition}').");
        }

        if (ExtraDirectives is null || SetupLines is null)
        {
            problems.Add("ExtraDirectives and SetupLines must not be null (use empty lists).");
        }
        else if (ExtraDirectives.Concat(SetupLines).Any(l => l is null || l.Contains('\n', StringComparison.Ordinal) || l.Contains('\r', StringComparison.Ordinal)))
        {
            problems.Add("ExtraDirectives and SetupLines must be single lines (one item per line).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SLURM options: " + string.Join(" ", problems));
        }
    }

    /// <summary>The <c>#SBATCH</c> directive lines of <see cref="ExtraDirectives"/>.</summary>
    internal ImmutableArray<string> ExtraDirectiveLines()
        => [.. ExtraDirectives.Select(d => d.TrimStart().StartsWith("#SBATCH", StringComparison.Ordinal) ? d.Trim() : "#SBATCH " + d.Trim())];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
