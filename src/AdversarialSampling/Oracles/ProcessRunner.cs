using System.ComponentModel;
using System.Diagnostics;

namespace AdversarialSampling.Oracles;

/// <summary>
/// Runs one external program to completion: standard input closed, standard output and error streamed to files (both
/// pipes drained concurrently, so the child never blocks on a full pipe), a time limit and cancellation that kill the
/// whole process tree.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>How long to wait for the output pipes to drain after the program ended (a stray grandchild may hold them open).</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for a killed process to be reaped.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    /// <summary>Runs the program.</summary>
    /// <param name="program">Full path of the executable.</param>
    /// <param name="arguments">Arguments, passed verbatim (no shell).</param>
    /// <param name="environment">Environment variables to set (added to, or replacing, the inherited ones).</param>
    /// <param name="workingDirectory">Working directory.</param>
    /// <param name="stdoutPath">File that receives standard output.</param>
    /// <param name="stderrPath">File that receives standard error.</param>
    /// <param name="timeout">Wall-clock limit, or null.</param>
    /// <param name="cancellationToken">Cancellation: kills the process tree.</param>
    /// <returns>How the run ended.</returns>
    /// <exception cref="Win32Exception">The program could not be started (missing, not executable, bad format).</exception>
    public static async Task<ProcessRunResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string>> environment,
        string workingDirectory,
        string stdoutPath,
        string stderrPath,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        var clock = Stopwatch.StartNew();
        process.Start();
        var pumps = Task.WhenAll(
            Pump(process.StandardOutput.BaseStream, stdoutPath),
            Pump(process.StandardError.BaseStream, stderrPath));
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited before its input was closed.
        }

        using var limit = timeout is { } t && t.TotalMilliseconds < int.MaxValue - 1 ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var ending = ProcessRunEnding.Exited;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ending = cancellationToken.IsCancellationRequested ? ProcessRunEnding.Cancelled : ProcessRunEnding.TimedOut;
            KillTree(process);
            using var reap = new CancellationTokenSource(KillGrace);
            try
            {
                await process.WaitForExitAsync(reap.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Not reaped in time (uninterruptible I/O); the outcome is decided already.
            }
        }

        clock.Stop();
        if (await Task.WhenAny(pumps, Task.Delay(DrainGrace, CancellationToken.None)).ConfigureAwait(false) != pumps)
        {
            // A descendant that escaped the kill still holds a pipe: stop waiting. Disposing the process closes the
            // pipes; observe the pumps' resulting errors so they are not reported as unobserved.
            _ = pumps.ContinueWith(static p => p.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        else if (pumps.IsFaulted)
        {
            // An output file could not be written (disk full): surface it as I/O trouble.
            await pumps.ConfigureAwait(false);
        }

        int exitCode = ending == ProcessRunEnding.Exited && process.HasExited ? process.ExitCode : -1;
        return new ProcessRunResult(ending, exitCode, clock.Elapsed);
    }

    /// <summary>Kills a process and all its descendants; a process that already exited is left alone.</summary>
    /// <param name="process">The process.</param>
    public static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited (or never started).
        }
        catch (Win32Exception)
        {
            // A descendant could not be signalled (it exited meanwhile or is not ours).
        }
    }

    /// <summary>
    /// Copies a pipe to a file on a dedicated thread: pipe reads block, and blocking thread-pool threads (two per
    /// running call) would starve the pool when many calls run at once.
    /// </summary>
    private static Task Pump(Stream source, string path)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 16384);
                source.CopyTo(file);
                done.SetResult();
            }
            catch (Exception e)
            {
                // Reported through the task (an exception escaping a thread would end the process).
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "ProcessOracle output pump",
        };
        thread.Start();
        return done.Task;
    }
}
