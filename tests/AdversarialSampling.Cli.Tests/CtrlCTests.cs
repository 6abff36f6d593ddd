using System.Diagnostics;
using AdversarialSampling.Runs;
using AdversarialSampling.Tests.TestSupport;

namespace AdversarialSampling.Cli.Tests;

/// <summary>A real SIGINT (Ctrl+C) to the tool in a child process stops the run gracefully and leaves it resumable.</summary>
public class CtrlCTests
{
    [Fact]
    public async Task Run_Sigint_StopsGracefullyWithExitCode130AndReleasesTheRunDirectory()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "run");
        string config = Path.Combine(RepositoryPaths.Root(), "samples", "configs", "double-well-2d.json");
        // Through env --default-signal: a test host started in the background by a non-interactive shell (nohup, &)
        // inherits SIGINT as ignored, and an ignored signal stays ignored across exec, so the tool would never see it.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_EnableDiagnostics"] = "0"; // a killed runtime leaves its diagnostic pipes in /tmp
        foreach (string arg in new[] { "--default-signal=INT", Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "adversarial-sampling.dll"), "run", config, "--run-dir", dir })
        {
            start.ArgumentList.Add(arg);
        }

        using var tool = Process.Start(start)!;
        var stderr = tool.StandardError.ReadToEndAsync();
        var stdout = new List<string>();
        try
        {
            // Generation 0 takes seconds, generation 1's exploration several more: interrupt right after generation 0.
            while (await tool.StandardOutput.ReadLineAsync() is { } line)
            {
                stdout.Add(line);
                if (line.StartsWith("generation 0: +", StringComparison.Ordinal))
                {
                    using var kill = Process.Start("kill", ["-INT", tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                    await kill.WaitForExitAsync();
                    break;
                }
            }

            stdout.AddRange((await tool.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            await tool.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (!tool.HasExited)
            {
                tool.Kill(entireProcessTree: true);
            }
        }

        Assert.True(tool.ExitCode == 130, $"exit code {tool.ExitCode}; stdout: {string.Join(" | ", stdout)}; stderr: {await stderr}");
        Assert.Equal($"stopped: everything committed is kept in '{dir}'; continue with: adversarial-sampling resume {dir}\n", await stderr);
        Assert.DoesNotContain(stdout, l => l.StartsWith("generation 1: ", StringComparison.Ordinal));
        using var store = RunStore.Open(dir, RunStoreOpenMode.OpenExisting);   // the lock was released
        Assert.True(store.IsPhaseComplete(0, "report"));
        Assert.False(store.IsPhaseComplete(1, "report"));
    }
}
