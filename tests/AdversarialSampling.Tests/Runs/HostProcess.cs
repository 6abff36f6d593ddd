using System.Diagnostics;

namespace AdversarialSampling.Tests.Runs;

/// <summary>The AdversarialSampling.TestHost console app running as a child process (see its Program.cs).</summary>
internal sealed class HostProcess : IDisposable
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private HostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public IReadOnlyList<string> Lines => _lines;

    public static HostProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_EnableDiagnostics"] = "0"; // a killed runtime leaves its diagnostic pipes in /tmp
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AdversarialSampling.TestHost.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("The test host did not start."));
    }

    /// <summary>Reads output lines until one starts with <paramref name="prefix"/> (a guard timeout fails the test on a hang).</summary>
    public string WaitForLine(string prefix)
    {
        using var timeout = new CancellationTokenSource(LineTimeout);
        while (true)
        {
            string? line;
            try
            {
                line = _process.StandardOutput.ReadLineAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The test host printed no '{prefix}' line: {string.Join(" / ", _lines)}");
            }

            if (line is null)
            {
                _process.WaitForExit();
                throw new InvalidOperationException(
                    $"The test host exited ({_process.ExitCode}) before printing '{prefix}': {string.Join(" / ", _lines)} {_process.StandardError.ReadToEnd()}");
            }

            _lines.Add(line);
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    /// <summary>SIGKILL on Linux: no cleanup code runs in the child.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Closes the child's standard input (the "hold" command then exits) and waits for it.</summary>
    public int CloseInputAndWait()
    {
        _process.StandardInput.Close();
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
