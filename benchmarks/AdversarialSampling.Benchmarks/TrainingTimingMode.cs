using System.Text.Json;
using AdversarialSampling.Models;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// <c>--timing train --width W --depth D [--points 800] [--batch 35] [--members 5] [--threads T] [--reps R]
/// [--evaluation auto|stacked|permember]</c>: times one training epoch of the library's trainer on the
/// reference_attack.py <c>train</c> problem (see <see cref="TrainingBench"/>). Trains 1 + R epochs; the first is
/// a warm-up (it also fits the normalisation and allocates Adam's state), each of the others is one repetition.
/// Prints one JSON line per repetition and a JSON summary with the median epoch wall time (the shape of the
/// Python baseline's output) and the median process CPU time per epoch (informative on a busy machine).
/// </summary>
internal static class TrainingTimingMode
{
    public static int Run(string[] args)
    {
        int width = TimingMode.Int(args, "--width", 128), depth = TimingMode.Int(args, "--depth", 4), points = TimingMode.Int(args, "--points", 800);
        int batch = TimingMode.Int(args, "--batch", 35), members = TimingMode.Int(args, "--members", 5), threads = TimingMode.Int(args, "--threads", 0);
        int reps = TimingMode.Int(args, "--reps", 3);
        var evaluation = Enum.Parse<MemberEvaluation>(TimingMode.Text(args, "--evaluation", "auto"), ignoreCase: true);
        if (threads > 0)
        {
            TorchSharp.torch.set_num_threads(threads);
        }

        var data = DoubleWellBench.Training(points);
        using var committee = TrainingBench.Committee(width, depth, evaluation, 1 + reps, batch, members);
        var losses = new List<double>();
        var seconds = TrainingBench.EpochSeconds(committee, data, 1 + reps, p => losses.Add(p.TrainingLoss));
        var times = seconds.Skip(1).Select(s => s.Wall).ToList();
        var cpu = seconds.Skip(1).Select(s => s.Cpu).ToList();
        for (int rep = 0; rep < times.Count; rep++)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { rep, epoch_seconds = Math.Round(times[rep], 3), cpu_seconds = Math.Round(cpu[rep], 3), loss = losses[rep + 1] }));
        }

        times.Sort();
        cpu.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            summary = "train",
            implementation = "AdversarialSampling (TorchSharp)",
            median_seconds = Math.Round(times[times.Count / 2], 3),
            median_cpu_seconds = Math.Round(cpu[cpu.Count / 2], 3),
            min_cpu_seconds = Math.Round(cpu[0], 3),
            warmup_epoch_seconds = Math.Round(seconds[0].Wall, 3),
            threads = TorchSharp.torch.get_num_threads(),
            members,
            width,
            depth,
            points,
            batch,
            evaluation = DoubleWellBench.Spec(width, depth, evaluation).ResolvedEvaluation.ToString(),
            tcmalloc = RunEnvironment.Tcmalloc,
            tiered_compilation = RunEnvironment.TieredCompilation,
        }));
        return 0;
    }
}
