namespace AdversarialSampling.Cli.Tests;

/// <summary>Runs the CLI in-process and captures its output. Console is global: CLI tests share one non-parallel collection.</summary>
internal static class CliRunner
{
    private static readonly Lock Gate = new();

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => Capture(() => Program.Main(args));

    /// <summary>
    /// Runs the CLI and presses Ctrl+C (through <see cref="Commands.LoopSession.AfterProgress"/>) while generation 1 is
    /// labelling, right after its first successful label was committed.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) RunStoppedWhileLabelling(params string[] args) => RunStoppedWhileLabelling(1, args);

    /// <summary>As <see cref="RunStoppedWhileLabelling(string[])"/>, while <paramref name="generation"/> is labelling.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunStoppedWhileLabelling(int generation, params string[] args)
    {
        int cancelled = 0;
        Commands.LoopSession.AfterProgress = (p, cts) =>
        {
            if (p.Generation == generation && p is { Kind: Loop.LoopProgressKind.Labelled, Detail: "Labelled" } && Interlocked.Exchange(ref cancelled, 1) == 0)
            {
                cts.Cancel();
            }
        };
        try
        {
            return Run(args);
        }
        finally
        {
            Commands.LoopSession.AfterProgress = null;
        }
    }

    /// <summary>Runs <paramref name="body"/> with standard output and error captured.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Capture(Func<int> body)
    {
        lock (Gate)
        {
            var oldOut = Console.Out;
            var oldErr = Console.Error;
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                int code = body();
                return (code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }

    /// <summary>Runs a Python script with /usr/bin/python3 (Debian's python3-ase for the ASE checks) and returns its standard output.</summary>
    public static string RunPython(string script, string what, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var python = System.Diagnostics.Process.Start(start)!;
        var stderr = python.StandardError.ReadToEndAsync();
        string stdout = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, $"ASE could not read {what} (needs Debian python3-ase): {stderr.Result}");
        return stdout;
    }

    /// <summary>
    /// A new empty directory for one test, under one root per test process (<c>as-cli-PID-GUID</c> in the temporary
    /// directory), deleted when the process exits or, if the test host is stopped first, by the next test process
    /// (every CLI test run used to leave its ~85 directories in /tmp).
    /// </summary>
    public static string TempDirectory()
    {
        var dir = Path.Combine(TempRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private const string TempRootPrefix = "as-cli-";

    private static readonly Lazy<string> TempRoot = new(() =>
    {
        // The test host may be stopped before ProcessExit handlers finish, so each process also removes the roots of
        // test processes that are gone: the leftovers of one run are removed by the next.
        foreach (string stale in Directory.EnumerateDirectories(Path.GetTempPath(), TempRootPrefix + "*"))
        {
            string[] parts = Path.GetFileName(stale)[TempRootPrefix.Length..].Split('-');
            if (parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out int pid) && !IsRunning(pid))
            {
                DeleteQuietly(stale);
            }
        }

        string root = Path.Combine(Path.GetTempPath(), $"{TempRootPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(root);
        return root;
    });

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a child process may still hold a file; the next test process tries again.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition("Cli", DisableParallelization = true)]
public sealed class CliCollection
{
}
