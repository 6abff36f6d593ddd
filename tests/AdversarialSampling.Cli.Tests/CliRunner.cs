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
    /// A new empty directory for one test, under one root per test process that is deleted when the process exits
    /// (every CLI test run used to leave its ~85 directories in /tmp).
    /// </summary>
    public static string TempDirectory()
    {
        var dir = Path.Combine(TempRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static readonly Lazy<string> TempRoot = new(() =>
    {
        string root = Path.Combine(Path.GetTempPath(), "as-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a child process may still hold a file; the OS cleans /tmp eventually.
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return root;
    });
}

[CollectionDefinition("Cli", DisableParallelization = true)]
public sealed class CliCollection
{
}
