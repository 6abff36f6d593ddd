using System.Globalization;
using System.Text.Json;
using AdversarialSampling.Attacks;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// <c>--memory [--attacks 100] [--width 64] [--depth 3] [--seeds 50] [--steps 100] [--threads T]</c>: runs the
/// same attack repeatedly on a small committee and prints, after each, the resident memory (VmRSS from
/// /proc/self/status) and the managed heap (after a full collection), then a summary with the growth between
/// the 10th and the last attack. Flat memory means both growths stay near zero.
/// </summary>
internal static class MemoryMode
{
    public static int Run(string[] args)
    {
        int attacks = TimingMode.Int(args, "--attacks", 100), width = TimingMode.Int(args, "--width", 64), depth = TimingMode.Int(args, "--depth", 3);
        int seeds = TimingMode.Int(args, "--seeds", 50), steps = TimingMode.Int(args, "--steps", 100), threads = TimingMode.Int(args, "--threads", 0);
        if (threads > 0)
        {
            TorchSharp.torch.set_num_threads(threads);
        }

        using var model = DoubleWellBench.Committee(width, depth);
        var seedList = DoubleWellBench.Seeds(seeds);
        var context = new AttackContext(DoubleWellBench.Training());
        var attack = new GradientAttack(DoubleWellBench.Options(steps) with { RecordTrace = true });
        var rss = new List<double>();
        var managed = new List<double>();
        for (int i = 0; i < attacks; i++)
        {
            attack.Attack(model, seedList, context with { RandomSeed = i });
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            rss.Add(ProcessMemory.ResidentMegabytes());
            managed.Add(GC.GetTotalMemory(forceFullCollection: true) / 1048576.0);
            Console.WriteLine(JsonSerializer.Serialize(new { attack = i + 1, rss_mb = Math.Round(rss[^1], 1), managed_mb = Math.Round(managed[^1], 2), live_tensors = TorchSharp.torch.Tensor.TotalCount }));
        }

        int from = Math.Min(9, attacks - 1);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            summary = "memory",
            attacks,
            committee = string.Create(CultureInfo.InvariantCulture, $"5x({depth}x{width})"),
            seeds,
            steps,
            rss_first_mb = Math.Round(rss[0], 1),
            rss_max_mb = Math.Round(rss.Max(), 1),
            rss_last_mb = Math.Round(rss[^1], 1),
            rss_growth_mb_after_10 = Math.Round(rss[^1] - rss[from], 1),
            managed_growth_mb_after_10 = Math.Round(managed[^1] - managed[from], 3),
            tcmalloc = RunEnvironment.Tcmalloc,
            tiered_compilation = RunEnvironment.TieredCompilation,
        }));
        return 0;
    }
}
