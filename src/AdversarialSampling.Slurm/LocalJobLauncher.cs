using System.Diagnostics;
using System.Globalization;
using AdversarialSampling.Oracles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdversarialSampling.Slurm;

/// <summary>
/// The adoption guarantees of <see cref="SlurmLauncher"/> on one machine without a scheduler: each call runs the same
/// job script (the oracle's command line, then an atomic result manifest) as a detached process in the key's work
/// directory <c>WorkRoot/calls/KEY</c>, with a lease file naming the process (PID, start time, boot id). A driver
/// killed mid-call leaves the process running; the next call for the key (on resume) harvests its manifest, or adopts
/// the still-running process named by a valid lease and waits for it, and only runs the program again when neither
/// exists — so a local call in flight at a crash is not paid twice either. Linux only (<c>/proc</c>, <c>setsid</c>).
/// </summary>
/// <remarks>
/// The oracle's <c>Timeout</c> and the caller's cancellation kill the process group (no manifest:
/// <see cref="OracleFailureKind.Timeout"/> / <see cref="OracleFailureKind.Cancelled"/>). A process that died without
/// a manifest (killed, machine rebooted: the lease's boot id no longer matches) is run again.
/// </remarks>
public sealed class LocalJobLauncher : IProcessLauncher
{
    /// <summary>The lease file in the work directory: <c>PID STARTTICKS BOOTID</c>.</summary>
    public const string LeaseFileName = "lease";

    private readonly SlurmOptions _scriptOptions;
    private readonly TimeSpan _pollInterval;
    private readonly ILogger _logger;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Creates the launcher.</summary>
    /// <param name="workRoot">Root of the per-key work directories (local disk is fine).</param>
    /// <param name="pollInterval">How often a waiting call checks its process; default 200 ms.</param>
    /// <param name="setupLines">Shell lines run before the program (as <see cref="SlurmOptions.SetupLines"/>); default none.</param>
    /// <param name="logger">Optional logger.</param>
    public LocalJobLauncher(string workRoot, TimeSpan? pollInterval = null, IReadOnlyList<string>? setupLines = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workRoot);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("LocalJobLauncher needs Linux (/proc and setsid).");
        }

        WorkRoot = Path.GetFullPath(workRoot);
        _pollInterval = pollInterval ?? TimeSpan.FromMilliseconds(200);
        _scriptOptions = new SlurmOptions { WorkRoot = WorkRoot, SetupLines = setupLines ?? [] };
        _scriptOptions.Validate();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The full path of the work root.</summary>
    public string WorkRoot { get; }

    /// <summary>The work directory of a key: <c>WorkRoot/calls/KEY</c>.</summary>
    /// <param name="key">The oracle-call key.</param>
    /// <returns>The full path.</returns>
    public string WorkDirectory(string key) => Path.Combine(WorkRoot, SlurmLauncher.CallsDirectoryName, key);

    /// <inheritdoc />
    public async Task<ProcessLaunchResult> RunAsync(ProcessLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        string key = launch.Key.Value, dir = WorkDirectory(key);
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ProcessLaunchResult.Failed(dir, new OracleFailure(OracleFailureKind.Cancelled, $"{launch.OracleName}: the call was cancelled before it started."));
        }

        try
        {
            return await RunLockedAsync(launch, dir, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return ProcessLaunchResult.Failed(dir, new OracleFailure(OracleFailureKind.Infrastructure, $"{launch.OracleName}: the local job in '{dir}' could not be run: {e.Message}"));
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ProcessLaunchResult> RunLockedAsync(ProcessLaunch launch, string dir, CancellationToken cancellationToken)
    {
        string key = launch.Key.Value;
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(dir);
        if (Harvest(dir, key, clock) is { } finished)
        {
            return finished;
        }

        int? pid = LiveLeaseHolder(dir);
        if (pid is not null)
        {
            SlurmLog.Adopted(_logger, pid.Value.ToString(CultureInfo.InvariantCulture), "running (local)", key);
        }
        else
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
            string script = Path.Combine(dir, SlurmJobScript.FileName);
            File.WriteAllText(script, SlurmJobScript.Build(launch, _scriptOptions, "local-" + key, "local:" + key, dir));
            pid = Start(dir, script);
        }

        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Kill(pid.Value);
                return ProcessLaunchResult.Failed(dir, new OracleFailure(OracleFailureKind.Cancelled, $"{launch.OracleName}: the call was cancelled; its process was killed."), clock.Elapsed);
            }

            if (launch.Timeout is { } limit && clock.Elapsed > limit)
            {
                Kill(pid.Value);
                return ProcessLaunchResult.Failed(dir, new OracleFailure(OracleFailureKind.Timeout, $"{launch.OracleName}: '{launch.Program}' did not finish within the time limit of {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s; its process was killed."), clock.Elapsed);
            }

            if (!Alive(pid.Value, LeaseStart(dir)))
            {
                if (Harvest(dir, key, clock) is { } done)
                {
                    return done;
                }

                // Ended without a manifest (killed, e.g. by the OOM killer): a crash of this call. (A process that died
                // while no driver watched it is found dead at the next call and simply run again.)
                return ProcessLaunchResult.Failed(dir, new OracleFailure(OracleFailureKind.Crash, $"{launch.OracleName}: the local job process {pid} ended without writing its result manifest (killed?)."), clock.Elapsed);
            }

            try
            {
                await Task.Delay(_pollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Handled at the top of the loop.
            }
        }
    }

    private ProcessLaunchResult? Harvest(string dir, string key, Stopwatch clock)
    {
        var manifest = JobManifest.TryRead(dir, key, out string? problem);
        if (manifest is null)
        {
            if (problem is not null)
            {
                SlurmLog.BadManifest(_logger, key, problem);
                JobManifest.SetAside(dir, "rejected");
            }

            return null;
        }

        JobManifest.SetAside(dir, "local");
        File.Delete(Path.Combine(dir, LeaseFileName));
        SlurmLog.Harvested(_logger, key, "local", manifest.ExitCode);
        return ProcessLaunchResult.Exited(dir, manifest.ExitCode, manifest.Elapsed ?? clock.Elapsed);
    }

    /// <summary>Starts <c>setsid bash job.sh</c> detached (own session: it outlives this process) and writes its lease atomically.</summary>
    private static int Start(string dir, string script)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = dir,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        // The script's own output goes to a file; setsid without --fork keeps the PID, so the lease names the job itself.
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec bash \"$0\" > local-job.out 2>&1 < /dev/null");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new IOException("setsid did not start.");
        int pid = process.Id;
        string lease = Path.Combine(dir, LeaseFileName), temporary = lease + ".tmp";
        File.WriteAllText(temporary, $"{pid.ToString(CultureInfo.InvariantCulture)} {StartTicks(pid)?.ToString(CultureInfo.InvariantCulture) ?? "0"} {BootId()}\n");
        File.Move(temporary, lease, overwrite: true);
        return pid;
    }

    /// <summary>The PID of the lease's process when it is still the same process (PID, start time and boot id match) and alive.</summary>
    private static int? LiveLeaseHolder(string dir)
    {
        string path = Path.Combine(dir, LeaseFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var fields = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 3 || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out int pid) || fields[2] != BootId())
        {
            return null;
        }

        return Alive(pid, fields[1]) ? pid : null;
    }

    private static string? LeaseStart(string dir)
    {
        var fields = File.Exists(Path.Combine(dir, LeaseFileName)) ? File.ReadAllText(Path.Combine(dir, LeaseFileName)).Split(' ') : [];
        return fields.Length >= 2 ? fields[1] : null;
    }

    /// <summary>True when the process exists, is not a zombie, and (when known) started at the recorded time.</summary>
    private static bool Alive(int pid, string? startTicks)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields[0] != "Z" && fields[0] != "X" && (startTicks is null or "0" || fields[19] == startTicks);
    }

    private static long? StartTicks(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string BootId()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Kills the job's process group (setsid made the job a group leader), then waits briefly for it to go.</summary>
    private static void Kill(int pid)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-KILL", "--", "-" + pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
            kill?.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill(1): nothing else to try.
        }

        for (int i = 0; i < 50 && Alive(pid, null); i++)
        {
            Thread.Sleep(20);
        }
    }
}
