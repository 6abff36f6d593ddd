using System.Diagnostics;

namespace AdversarialSampling.Slurm.Tests;

/// <summary>AdversarialSampling.Slurm.TestHost running as a child process (killed with SIGKILL by the crash test).</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process) => _process = process;

    public static HostProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_EnableDiagnostics"] = "0"; // a killed runtime leaves its diagnostic pipes in /tmp
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AdversarialSampling.Slurm.TestHost.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The test host did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HostProcess(process);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no cleanup code runs in the child (its SLURM jobs run on).</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }
}
