using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AdversarialSampling.Oracles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdversarialSampling.Slurm;

/// <summary>
/// Runs every call of a <see cref="ProcessOracle"/> as a SLURM batch job (set it as
/// <see cref="ProcessOracleOptions.Launcher"/>, e.g. with <see cref="SlurmProcessOracleOptions.WithSlurm"/>). The job
/// runs the very command line a local call would run, in the key's work directory <c>WorkRoot/calls/KEY</c>, then
/// writes a result manifest atomically; the oracle then classifies the exit code and parses the outputs as usual.
/// </summary>
/// <remarks>
/// <para>Per call (oracle-call key K, job name <c>PREFIX+K</c>, comment <c>adversarial-sampling:K</c>), repeated every
/// <see cref="SlurmOptions.PollInterval"/>: (1) a manifest naming K exists → harvest it (the manifest decides, whatever
/// the job state); (2) the scheduler lists a live job named for K (<c>squeue -h -t all --name=…</c>) → adopt it and
/// wait; (3) its newest unconsumed job ended without a manifest → the state classifies the failure (TIMEOUT → Timeout,
/// OUT_OF_MEMORY → Crash, NODE_FAIL/BOOT_FAIL/PREEMPTED → Infrastructure, CANCELLED → Cancelled, FAILED → Crash or
/// SetupError, COMPLETED → run again); (4) no job at all (never submitted, forgotten by a restarted controller,
/// purged) → submit. So a key is never submitted while a job for it is alive, a restarted driver adopts running jobs
/// and harvests finished ones, and jobs are found by key, never by id alone: an id recorded for K that now names
/// another job (ids are reused after a controller crash) is recorded as foreign and ignored.</para>
/// <para>The labelling engine records its intent for K in the run store before the oracle (and so this launcher) is
/// called, i.e. before <c>sbatch</c>. An unreachable controller is retried (<see cref="SlurmOptions.SubmitAttempts"/>
/// submissions with backoff, polls for <see cref="SlurmOptions.ControllerOutageTolerance"/>) and then reported as
/// <see cref="OracleFailureKind.Infrastructure"/>: the engine retries and then pauses the run, which resumes later.
/// Cancellation cancels the key's jobs by name (<c>scancel --name</c>) unless
/// <see cref="SlurmOptions.CancelJobsOnCancellation"/> is false. Thread-safe; calls for the same key are serialised.</para>
/// </remarks>
public sealed class SlurmLauncher : IProcessLauncher
{
    /// <summary>Subdirectory of <see cref="SlurmOptions.WorkRoot"/> holding one work directory per key.</summary>
    public const string CallsDirectoryName = "calls";

    /// <summary>Subdirectory of <see cref="SlurmOptions.WorkRoot"/> holding one job ledger per key.</summary>
    public const string LedgerDirectoryName = "ledger";

    private const int TailLines = 20;
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(30);
    private readonly SlurmClient _client;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly string _rootTag;

    /// <summary>Creates the launcher; nothing is submitted until the first call.</summary>
    /// <param name="options">The SLURM options (validated).</param>
    /// <param name="logger">Receives submissions, adoptions, harvests and controller trouble; default none.</param>
    /// <exception cref="ArgumentException">Invalid options (all problems named).</exception>
    public SlurmLauncher(SlurmOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        WorkRoot = Path.GetFullPath(options.WorkRoot!);
        _rootTag = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(WorkRoot)))[..12];
        _client = new SlurmClient(options);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The options given at construction.</summary>
    public SlurmOptions Options { get; }

    /// <summary>The full path of <see cref="SlurmOptions.WorkRoot"/>.</summary>
    public string WorkRoot { get; }

    /// <summary>The job name of a key: <see cref="SlurmOptions.JobNamePrefix"/> + key.</summary>
    /// <param name="key">The oracle-call key (64 hex digits).</param>
    /// <returns>The job name.</returns>
    public string JobName(string key) => Options.JobNamePrefix + key;

    /// <summary>
    /// The job comment of a key: <c>adversarial-sampling:KEY@TAG</c>, TAG = 12 hex digits of the SHA-256 of
    /// <see cref="WorkRoot"/>. Jobs of the same key from another run (another work root) have another comment and are
    /// never adopted, harvested, classified or cancelled by this launcher.
    /// </summary>
    /// <param name="key">The oracle-call key.</param>
    /// <returns>The comment (no spaces).</returns>
    public string JobComment(string key) => $"adversarial-sampling:{key}@{_rootTag}";

    /// <summary>The work directory of a key: <c>WorkRoot/calls/KEY</c>.</summary>
    /// <param name="key">The oracle-call key.</param>
    /// <returns>The full path.</returns>
    public string WorkDirectory(string key) => Path.Combine(WorkRoot, CallsDirectoryName, key);

    /// <summary>The job ledger of a key: <c>WorkRoot/ledger/KEY.log</c> (lines <c>UTC EVENT JOBID [DETAIL]</c>).</summary>
    /// <param name="key">The oracle-call key.</param>
    /// <returns>The full path.</returns>
    public string LedgerPath(string key) => Path.Combine(WorkRoot, LedgerDirectoryName, key + ".log");

    /// <inheritdoc />
    public async Task<ProcessLaunchResult> RunAsync(ProcessLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        string key = launch.Key.Value;
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ProcessLaunchResult.Failed(WorkDirectory(key), new OracleFailure(OracleFailureKind.Cancelled, $"{launch.OracleName}: the call was cancelled before it started."));
        }

        try
        {
            return await RunLockedAsync(launch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ProcessLaunchResult> RunLockedAsync(ProcessLaunch launch, CancellationToken cancellationToken)
    {
        string key = launch.Key.Value, name = JobName(key), dir = WorkDirectory(key);
        var clock = Stopwatch.StartNew();
        JobLedger ledger;
        try
        {
            Directory.CreateDirectory(dir);
            Directory.CreateDirectory(Path.GetDirectoryName(LedgerPath(key))!);
            ledger = new JobLedger(LedgerPath(key));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(dir, OracleFailureKind.Infrastructure, $"{launch.OracleName}: the SLURM work directory '{dir}' could not be created: {e.Message}", clock);
        }

        int submissions = 0, submitFailures = 0, systemHolds = 0;
        HashSet<string> heldWarned = new(StringComparer.Ordinal);
        string? watching = null; // the job this call waits for
        DateTime? outageSince = null, completedWithoutManifestSince = null;
        bool checkedRecordedId = false;
        List<string> liveIds = [];
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Harvest(dir, key, ledger, clock) is { } harvested)
                {
                    return await CancelLeftoversAsync(harvested, liveIds).ConfigureAwait(false);
                }

                var (listed, query) = await _client.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
                if (listed is null)
                {
                    if (query.ExitCode == 127)
                    {
                        return Fail(dir, OracleFailureKind.SetupError, $"{launch.OracleName}: squeue {query.Describe()}", clock);
                    }

                    SlurmLog.ControllerUnreachable(_logger, "squeue: " + query.Describe());
                    outageSince ??= DateTime.UtcNow;
                    if (DateTime.UtcNow - outageSince > Options.ControllerOutageTolerance)
                    {
                        return Fail(dir, OracleFailureKind.Infrastructure, $"{launch.OracleName}: the SLURM controller has not answered for {Minutes(DateTime.UtcNow - outageSince.Value)} (squeue {query.Describe()}); the job of call {key}, if any, is left alone and will be adopted when the run resumes.", clock);
                    }

                    await Task.Delay(Options.PollInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                outageSince = null;
                var jobs = listed.Where(j => j.Name == name && j.Comment == JobComment(key)).ToList();
                if (!checkedRecordedId)
                {
                    checkedRecordedId = true;
                    await CheckRecordedIdAsync(key, name, ledger, launch.Context?.ExternalJobId, jobs, cancellationToken).ConfigureAwait(false);
                }

                var consumed = ledger.ConsumedIds();
                liveIds = [.. jobs.Where(j => SlurmJobClassifier.IsLive(j.State)).Select(j => j.Id)];
                if (jobs.Where(j => SlurmJobClassifier.IsLive(j.State)).MaxBy(j => j.Number) is { } live)
                {
                    if (SlurmJobClassifier.IsHeldBySystem(live))
                    {
                        // SLURM requeued the job held after a failed launch: it never starts by itself. It has not run, so
                        // replacing it pays nothing twice; the replacement counts against MaxResubmissions.
                        await _client.CancelAsync([live.Id], cancellationToken).ConfigureAwait(false);
                        if (!consumed.Contains(live.Id))
                        {
                            ledger.Append(JobLedger.Consumed, live.Id, "held");
                            SlurmLog.SystemHeldJobReplaced(_logger, live.Id, key, live.Reason);
                            if (++systemHolds > Options.MaxResubmissions)
                            {
                                return Fail(dir, OracleFailureKind.Infrastructure, string.Create(CultureInfo.InvariantCulture, $"{launch.OracleName}: SLURM held {systemHolds} jobs of call {key} after failed launches (last: job {live.Id}, '{live.Reason}'); check the compute node (sinfo -R) and resume the run."), clock);
                            }
                        }

                        watching = null;
                        await Task.Delay(Options.PollInterval, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (SlurmJobClassifier.IsHeldByPerson(live) && heldWarned.Add(live.Id))
                    {
                        SlurmLog.HeldJobWaiting(_logger, live.Id, key, live.Reason);
                    }

                    if (live.Id != watching && !consumed.Contains(live.Id))
                    {
                        // A job this call did not submit: submitted before a crash of the driver (or by another process).
                        watching = live.Id;
                        ledger.Append(JobLedger.Adopted, live.Id, live.State);
                        SlurmLog.Adopted(_logger, live.Id, live.State, key);
                        RecordJobId(launch, live.Id);
                    }

                    await Task.Delay(Options.PollInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var finished = jobs.Where(j => !consumed.Contains(j.Id)).MaxBy(j => j.Number);
                if (finished is null && Options.UseAccounting && ledger.OpenJobId() is { } open)
                {
                    // Accounting reports no comment: only the job this launcher recorded for the key counts.
                    var accounted = await _client.AccountingByNameAsync(name, cancellationToken).ConfigureAwait(false);
                    finished = accounted?.Where(j => j.Name == name && j.Id == open && !SlurmJobClassifier.IsLive(j.State)).MaxBy(j => j.Number);
                }

                // The job may have written its manifest between the first look and the scheduler's answer.
                if (Harvest(dir, key, ledger, clock) is { } late)
                {
                    return await CancelLeftoversAsync(late, liveIds).ConfigureAwait(false);
                }

                if (finished is not null)
                {
                    finished = await WithDetailsAsync(finished, name, cancellationToken).ConfigureAwait(false);
                    var verdict = SlurmJobClassifier.Decide(finished, manifestPresent: false, launch.OracleName);
                    if (verdict.Kind == SlurmVerdictKind.Submit)
                    {
                        // Completed, yet no manifest: on a network file system the file may not be visible here yet.
                        completedWithoutManifestSince ??= DateTime.UtcNow;
                        if (DateTime.UtcNow - completedWithoutManifestSince < Options.ManifestGracePeriod)
                        {
                            await Task.Delay(Options.PollInterval, cancellationToken).ConfigureAwait(false);
                            continue;
                        }
                    }

                    ledger.Append(JobLedger.Consumed, finished.Id, finished.State);
                    if (verdict.Kind == SlurmVerdictKind.Fail)
                    {
                        return ProcessLaunchResult.Failed(dir, verdict.Failure! with { OutputTail = Tail(dir, finished.Id) }, clock.Elapsed);
                    }
                }
                else if (ledger.OpenJobId() is { } vanished)
                {
                    ledger.Append(JobLedger.Consumed, vanished, "vanished");
                }

                if (submissions > Options.MaxResubmissions)
                {
                    return Fail(dir, OracleFailureKind.Infrastructure, string.Create(CultureInfo.InvariantCulture, $"{launch.OracleName}: {submissions} SLURM jobs of call {key} vanished or completed without writing their manifest; is WorkRoot '{WorkRoot}' shared with the compute nodes?"), clock);
                }

                if (submissions > 0)
                {
                    SlurmLog.Resubmitting(_logger, key);
                }

                var (jobId, failure, transient) = await SubmitAsync(launch, name, dir, ledger, cancellationToken).ConfigureAwait(false);
                if (jobId is not null)
                {
                    RecordJobId(launch, jobId);
                    watching = jobId;
                    submissions++;
                    submitFailures = 0;
                    await Task.Delay(Options.PollInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!transient || ++submitFailures >= Options.SubmitAttempts)
                {
                    return ProcessLaunchResult.Failed(dir, failure!, clock.Elapsed);
                }

                await Task.Delay(Backoff(submitFailures), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await CancelAsync(launch.OracleName, key, name, dir, ledger, clock).ConfigureAwait(false);
        }
    }

    /// <summary>The result of the key's manifest, set aside so that it is never harvested twice; null when there is none.</summary>
    private ProcessLaunchResult? Harvest(string dir, string key, JobLedger ledger, Stopwatch clock)
    {
        var manifest = JobManifest.TryRead(dir, key, out string? problem);
        try
        {
            if (manifest is null)
            {
                if (problem is not null)
                {
                    SlurmLog.BadManifest(_logger, key, problem);
                    JobManifest.SetAside(dir, "rejected");
                }

                return null;
            }

            JobManifest.SetAside(dir, manifest.JobId.Length > 0 ? manifest.JobId : "job");
            if (manifest.JobId.Length > 0)
            {
                ledger.Append(JobLedger.Consumed, manifest.JobId, "manifest");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(dir, OracleFailureKind.Infrastructure, $"the manifest in '{dir}' could not be set aside: {e.Message}", clock);
        }

        SlurmLog.Harvested(_logger, key, manifest.JobId, manifest.ExitCode);
        return ProcessLaunchResult.Exited(dir, manifest.ExitCode, manifest.Elapsed ?? clock.Elapsed);
    }

    /// <summary>
    /// The result is in: a job of the key that the scheduler still lists as alive (a copy requeued after a controller
    /// crash, or the finished job still completing) is cancelled, so that nothing runs for the key again.
    /// </summary>
    private async Task<ProcessLaunchResult> CancelLeftoversAsync(ProcessLaunchResult harvested, List<string> liveIds)
    {
        if (liveIds.Count > 0)
        {
            await _client.CancelAsync(liveIds, CancellationToken.None).ConfigureAwait(false);
        }

        return harvested;
    }

    /// <summary>
    /// After a restart: the id recorded for the key that the scheduler no longer lists under the key's name is looked up
    /// by id; if it now names another job (an id reused after a controller crash) it is recorded as foreign.
    /// </summary>
    private async Task CheckRecordedIdAsync(string key, string name, JobLedger ledger, string? storedId, List<SlurmJob> jobs, CancellationToken cancellationToken)
    {
        // The ledger's open id, else the id the run store holds for the key when the ledger never heard of it.
        string? recorded = ledger.OpenJobId() ?? (storedId is not null && ledger.Read().All(e => e.JobId != storedId) ? storedId : null);
        if (recorded is null || jobs.Any(j => j.Id == recorded))
        {
            return;
        }

        var (shown, _) = await _client.ShowJobAsync(recorded, cancellationToken).ConfigureAwait(false);
        if (shown is not null && (shown.Name != name || shown.Comment != JobComment(key)))
        {
            ledger.Append(JobLedger.Foreign, recorded, shown.Name);
            SlurmLog.ForeignJob(_logger, recorded, key, shown.Name);
        }
    }

    /// <summary>Adds the exit code and reason of <c>scontrol show job</c> when the job (checked by name) is still known.</summary>
    private async Task<SlurmJob> WithDetailsAsync(SlurmJob job, string name, CancellationToken cancellationToken)
    {
        if (job.ExitCode is not null)
        {
            return job;
        }

        var (shown, _) = await _client.ShowJobAsync(job.Id, cancellationToken).ConfigureAwait(false);
        return shown is not null && shown.Name == name ? job with { ExitCode = shown.ExitCode, Reason = job.Reason.Length > 0 ? job.Reason : shown.Reason } : job;
    }

    /// <summary>Clears the work directory, writes the inputs and the script, and runs sbatch.</summary>
    private async Task<(string? JobId, OracleFailure? Failure, bool Transient)> SubmitAsync(ProcessLaunch launch, string name, string dir, JobLedger ledger, CancellationToken cancellationToken)
    {
        string script = Path.Combine(dir, SlurmJobScript.FileName);
        try
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(dir))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }

            launch.WriteInputs(dir);
            File.WriteAllText(script, SlurmJobScript.Build(launch, Options, name, JobComment(launch.Key.Value), dir));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new OracleFailure(OracleFailureKind.Infrastructure, $"{launch.OracleName}: the SLURM work directory '{dir}' could not be prepared: {e.Message}"), false);
        }

        var (jobId, result) = await _client.SubmitAsync(script, dir, cancellationToken).ConfigureAwait(false);
        if (jobId is not null)
        {
            ledger.Append(JobLedger.Submitted, jobId, name);
            SlurmLog.Submitted(_logger, jobId, launch.Key.Value);
            return (jobId, null, false);
        }

        if (result.ControllerUnreachable || result.ExitCode == 0)
        {
            SlurmLog.ControllerUnreachable(_logger, "sbatch: " + result.Describe());
            return (null, new OracleFailure(OracleFailureKind.Infrastructure, $"{launch.OracleName}: sbatch failed ({result.Describe()}); the SLURM controller seems unreachable."), true);
        }

        return (null, new OracleFailure(OracleFailureKind.SetupError, $"{launch.OracleName}: sbatch rejected the job of call {launch.Key.Value} ({result.Describe()}); check the SLURM options (partition, time, memory, directives)."), false);
    }

    /// <summary>Cancels the key's jobs by name (unless configured not to), waits until none is alive, and consumes them.</summary>
    private async Task<ProcessLaunchResult> CancelAsync(string oracleName, string key, string name, string dir, JobLedger ledger, Stopwatch clock)
    {
        if (!Options.CancelJobsOnCancellation)
        {
            return Fail(dir, OracleFailureKind.Cancelled, $"{oracleName}: the call was cancelled; its SLURM job (if any) runs on and will be adopted when the run resumes.", clock);
        }

        var deadline = DateTime.UtcNow + CancelWait;
        var cancelled = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (listed, _) = await _client.FindByNameAsync(name, CancellationToken.None).ConfigureAwait(false);
            if (listed is null)
            {
                // Controller unreachable: cancel the recorded job by id, best effort; resume adopts or cleans up the rest.
                if (ledger.OpenJobId() is { } open && cancelled.Add(open))
                {
                    await _client.CancelAsync([open], CancellationToken.None).ConfigureAwait(false);
                }

                break;
            }

            var live = listed.Where(j => j.Name == name && j.Comment == JobComment(key) && SlurmJobClassifier.IsLive(j.State)).Select(j => j.Id).ToList();
            if (live.Count == 0 || DateTime.UtcNow > deadline)
            {
                break;
            }

            bool fresh = false;
            foreach (string id in live)
            {
                fresh |= cancelled.Add(id);
            }

            if (fresh)
            {
                await _client.CancelAsync(live, CancellationToken.None).ConfigureAwait(false);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(500, Options.PollInterval.TotalMilliseconds)), CancellationToken.None).ConfigureAwait(false);
        }

        var consumed = ledger.ConsumedIds();
        foreach (string id in cancelled.Select(id => (string?)id).Append(ledger.OpenJobId()).OfType<string>().Where(id => !consumed.Contains(id)).Distinct())
        {
            ledger.Append(JobLedger.Consumed, id, "cancelled");
        }

        SlurmLog.Cancelled(_logger, key);
        return Fail(dir, OracleFailureKind.Cancelled, $"{oracleName}: the call was cancelled; its SLURM jobs ({string.Join(", ", cancelled)}) were cancelled.", clock);
    }

    /// <summary>Records the job id in the run store through the engine's context (best effort: the ledger has it too).</summary>
    private void RecordJobId(ProcessLaunch launch, string jobId)
    {
        if (launch.Context is not { } context)
        {
            return;
        }

        try
        {
            context.RecordExternalJobId(jobId);
        }
        catch (Exception e) when (e is AdversarialSampling.Runs.RunStoreException or InvalidOperationException or IOException)
        {
            SlurmLog.JobIdNotRecorded(_logger, jobId, launch.Key.Value, e.Message);
        }
    }

    private TimeSpan Backoff(int failures)
        => TimeSpan.FromTicks((long)Math.Min(Options.RetryBaseDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 30)), Options.RetryMaxDelay.Ticks));

    private static ProcessLaunchResult Fail(string dir, OracleFailureKind kind, string message, Stopwatch clock)
        => ProcessLaunchResult.Failed(dir, new OracleFailure(kind, message), clock.Elapsed);

    private static string Minutes(TimeSpan span) => span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min";

    /// <summary>The last lines of the job's own output (<c>slurm-ID.out</c>: setup and scheduler messages) and of the program's standard error.</summary>
    private static string? Tail(string dir, string jobId)
    {
        var parts = new List<string>();
        foreach (string file in new[] { $"slurm-{jobId}.out", ProcessOracle.StdoutFileName, ProcessOracle.StderrFileName })
        {
            string path = Path.Combine(dir, file);
            try
            {
                if (File.Exists(path) && File.ReadLines(path).TakeLast(TailLines).ToList() is { Count: > 0 } lines)
                {
                    parts.Add($"--- {file} ---");
                    parts.AddRange(lines);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Diagnostics only.
            }
        }

        return parts.Count == 0 ? null : string.Join('\n', parts);
    }
}
