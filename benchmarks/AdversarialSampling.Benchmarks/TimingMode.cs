using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AdversarialSampling.Attacks;
using AdversarialSampling.Models;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// <c>--timing attack --width W --depth D --seeds S --steps N --threads T [--reps R] [--evaluation auto|stacked|permember]</c>:
/// times the attack on the reference_attack.py problem and prints one JSON line per repetition and a final
/// JSON summary with the median wall time (same shape as the Python baseline's output).
/// </summary>
internal static class TimingMode
{
    public static int Run(string[] args)
    {
        int width = Int(args, "--width", 128), depth = Int(args, "--depth", 4), seeds = Int(args, "--seeds", 100);
        int steps = Int(args, "--steps", 600), threads = Int(args, "--threads", 0), reps = Int(args, "--reps", 3);
        var evaluation = Enum.Parse<MemberEvaluation>(Text(args, "--evaluation", "auto"), ignoreCase: true);
        if (threads > 0)
        {
            TorchSharp.torch.set_num_threads(threads);
        }

        using var model = DoubleWellBench.Committee(width, depth, evaluation);
        var seedList = DoubleWellBench.Seeds(seeds);
        var context = new AttackContext(DoubleWellBench.Training());
        var attack = new GradientAttack(DoubleWellBench.Options(steps));
        attack.Attack(model, seedList[..Math.Min(4, seeds)], context with { RandomSeed = 99 });
        var times = new List<double>();
        for (int rep = 0; rep < reps; rep++)
        {
            var clock = Stopwatch.StartNew();
            var outcomes = attack.Attack(model, seedList, context with { RandomSeed = rep });
            double seconds = clock.Elapsed.TotalSeconds;
            times.Add(seconds);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                rep,
                seconds = Math.Round(seconds, 3),
                ms_per_step = Math.Round(1000 * seconds / steps, 2),
                mean_log_objective = outcomes.Average(o => o.LogObjectiveAfter),
            }));
        }

        times.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            summary = "attack",
            implementation = "AdversarialSampling (TorchSharp)",
            median_seconds = Math.Round(times[times.Count / 2], 3),
            ms_per_step = Math.Round(1000 * times[times.Count / 2] / steps, 2),
            threads = TorchSharp.torch.get_num_threads(),
            members = 5,
            width,
            depth,
            seeds,
            steps,
            evaluation = DoubleWellBench.Spec(width, depth, evaluation).ResolvedEvaluation.ToString(),
            tcmalloc = RunEnvironment.Tcmalloc,
            tiered_compilation = RunEnvironment.TieredCompilation,
        }));
        return 0;
    }

    internal static int Int(string[] args, string name, int fallback)
        => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    internal static string Text(string[] args, string name, string fallback)
        => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
