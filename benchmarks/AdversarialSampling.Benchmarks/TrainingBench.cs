using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// The training workload of reference_attack.py's <c>train</c> mode: a 5-member MLP committee over (x, y) of one
/// particle, 800 points uniform in [−1.2, 1.2]² labelled by the 2D double well, minibatches of 35, Adam 1e-3,
/// loss MSE(E) + 10·MSE(F), float32. Run through the library's trainer (<see cref="TorchCommittee.Train"/>)
/// without validation data and without early stopping.
/// </summary>
internal static class TrainingBench
{
    public static CommitteeOptions Options(int epochs, int batch = 35, int members = 5) => new()
    {
        Members = members,
        Seed = 0,
        Training = new TrainingOptions { Epochs = epochs, BatchSize = batch, LearningRate = 1e-3, EnergyWeight = 1, ForceWeight = 10, EarlyStoppingPatience = 0 },
    };

    public static TorchCommittee Committee(int width, int depth, MemberEvaluation evaluation, int epochs, int batch = 35, int members = 5)
        => new(DoubleWellBench.Spec(width, depth, evaluation), Options(epochs, batch, members));

    /// <summary>
    /// Trains for <paramref name="epochs"/> epochs and returns the wall time and the process CPU time of each (s),
    /// from the per-epoch progress reports.
    /// </summary>
    public static List<(double Wall, double Cpu)> EpochSeconds(TorchCommittee committee, Dataset data, int epochs, Action<CommitteeTrainingProgress>? each = null)
    {
        var seconds = new List<(double Wall, double Cpu)>();
        var last = TimeSpan.Zero;
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var lastCpu = process.TotalProcessorTime;
        var progress = new InlineProgress<CommitteeTrainingProgress>(p =>
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            seconds.Add(((p.Elapsed - last).TotalSeconds, (cpu - lastCpu).TotalSeconds));
            last = p.Elapsed;
            lastCpu = cpu;
            each?.Invoke(p);
        });
        var result = committee.Train(data, Dataset.Empty, progress);
        if (result.Epochs != epochs || result.Diverged)
        {
            throw new InvalidOperationException($"Training ran {result.Epochs} of {epochs} epochs (diverged: {result.Diverged}).");
        }

        return seconds;
    }
}
