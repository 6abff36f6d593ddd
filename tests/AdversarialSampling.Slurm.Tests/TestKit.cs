using System.Diagnostics;
using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Slurm.Tests;

internal static class TestKit
{
    public static string NewDirectory(string prefix)
    {
        string dir = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void DeleteDirectory(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>A launch of /bin/sh-like program with a real key (of a fake identity and a water molecule).</summary>
    public static ProcessLaunch Launch(string program, string[] arguments, Action<string>? writeInputs = null, params (string, string)[] environment)
    {
        var structure = new AtomicStructure([8, 1, 1], [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]);
        return new ProcessLaunch
        {
            OracleName = "test",
            Key = OracleCallKey.Compute(new OracleIdentity("test", "1"), structure),
            Program = program,
            Arguments = [.. arguments],
            Environment = [.. environment.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2))],
            WriteInputs = writeInputs ?? (_ => { }),
        };
    }

    /// <summary>Runs a command to its end; returns exit code and standard output + error.</summary>
    public static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
