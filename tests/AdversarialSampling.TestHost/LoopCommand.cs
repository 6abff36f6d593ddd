using System.Diagnostics;
using System.Globalization;
using AdversarialSampling.Committees;
using AdversarialSampling.Loop;
using AdversarialSampling.Potentials;
using AdversarialSampling.Runs;

namespace AdversarialSampling.TestHost;

/// <summary>
/// The "loop" command: runs or resumes <see cref="TinyLoop"/> (saving the training state after every epoch) and optionally
/// SIGKILLs itself at a chosen point. Prints "EPOCH epoch:G:E" before each epoch attempt of generation G's training.
/// </summary>
public static class LoopCommand
{
    public static async Task<int> RunAsync(string runDirectory, string countFile, string kill)
    {
        int? killAtCall = kill.StartsWith("call:", StringComparison.Ordinal) ? int.Parse(kill[5..], CultureInfo.InvariantCulture) : null;
        var oracle = new CountingOracle(new DoubleWell2D(), countFile)
        {
            BlockAtCall = killAtCall,
            OnBlocked = key => Die($"call {killAtCall} ({key})"),
        };
        // Training state after every epoch: a kill inside training ("epoch:G:E") resumes from epoch E.
        var loop = TinyLoop.Builder(runDirectory, oracle).WithTrainingCheckpoints(TimeSpan.Zero).Build();
        loop.BeforeTraining = (g, committee) =>
        {
            if (committee is TorchCommittee torch)
            {
                torch.BeforeEpoch = (epoch, _) =>
                {
                    string where = string.Create(CultureInfo.InvariantCulture, $"epoch:{g}:{epoch}");
                    Console.WriteLine($"EPOCH {where}");
                    if (kill == where)
                    {
                        Die(where);
                    }
                };
            }
        };
        if (kill.Contains(':', StringComparison.Ordinal) && killAtCall is null && !kill.StartsWith("epoch:", StringComparison.Ordinal))
        {
            loop.AfterPhaseCommitted = (g, phase) =>
            {
                if (kill == string.Create(CultureInfo.InvariantCulture, $"{g}:{phase}"))
                {
                    Die(kill);
                }
            };
        }

        try
        {
            bool resume = File.Exists(Path.Combine(runDirectory, RunStore.DatabaseFileName));
            GenerationReport? last = null;
            await foreach (var report in resume ? loop.ResumeAsync() : loop.RunAsync())
            {
                last = report;
            }

            last ??= loop.ReadReports()[^1];
            Console.WriteLine($"DONE {last.DatasetHash}");
            return 0;
        }
        catch (RunLockedException e)
        {
            Console.WriteLine($"LOCKED {e.Message}");
            return 3;
        }
        catch (Exception e) when (e is RunStoreException or LoopConfigurationException or RunStoppedException)
        {
            Console.WriteLine($"ERROR {e.GetType().Name}: {e.Message}");
            return 4;
        }
    }

    private static void Die(string where)
    {
        Console.WriteLine($"KILLING {where}");
        Console.Out.Flush();
        Process.GetCurrentProcess().Kill(); // SIGKILL: no finally blocks, no disposal, no flush of anything else
    }
}
