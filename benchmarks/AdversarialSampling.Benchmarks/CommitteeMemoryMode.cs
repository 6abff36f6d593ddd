using System.Globalization;
using System.Text.Json;
using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// <c>--memory-committee [--model mlp|schnet] [--width 1024] [--depth 4] [--evaluations 100] [--steps 100]
/// [--threads T]</c>: resident memory (VmRSS) and managed heap (after a full collection) after each of N
/// committee evaluations (<see cref="TorchCommittee.Predict"/> of 100 structures: double-well points for the
/// MLP, NH3 molecules for SchNet) and after each of N training steps (<see cref="TorchCommittee.Train"/> on 35
/// samples with minibatches of 35, so one step per epoch, measured from the per-epoch progress report). Prints
/// one JSON line per call and a summary per phase with the first, last and largest values, the growth from
/// first to last (%) and from the 10th call to the last (after warm-up). Flat memory means growths near zero.
/// </summary>
internal static class CommitteeMemoryMode
{
    public static int Run(string[] args)
    {
        string model = TimingMode.Text(args, "--model", "mlp");
        int width = TimingMode.Int(args, "--width", 1024), depth = TimingMode.Int(args, "--depth", 4);
        int evaluations = TimingMode.Int(args, "--evaluations", 100), steps = TimingMode.Int(args, "--steps", 100), threads = TimingMode.Int(args, "--threads", 0);
        if (threads > 0)
        {
            TorchSharp.torch.set_num_threads(threads);
        }

        bool schnet = model == "schnet";
        ModelSpec spec = schnet ? new SchNetSpec() : DoubleWellBench.Spec(width, depth);
        string name = schnet ? "SchNet 5x(64 features, 3 interactions)" : string.Create(CultureInfo.InvariantCulture, $"MLP 5x({depth}x{width})");
        var ammonia = schnet ? BenchSystems.Ammonia() : null;
        List<AtomicStructure> structures = ammonia is null ? DoubleWellBench.Seeds(100) : [.. ammonia.Take(100).Select(s => s.Structure)];
        var training = ammonia is null ? DoubleWellBench.Training(35) : new Dataset(ammonia.Take(35));
        using var committee = new TorchCommittee(spec, TrainingBench.Options(steps));

        var evaluation = new Series("evaluations");
        for (int i = 0; i < evaluations; i++)
        {
            committee.Predict(structures);
            evaluation.Measure(i + 1);
        }

        var training100 = new Series("training steps");
        committee.Train(training, Dataset.Empty, new InlineProgress<CommitteeTrainingProgress>(p => training100.Measure(p.Epoch)));
                evaluation.Summarize(name);
        training100.Summarize(name);
        return 0;
    }

    /// <summary>Memory after each call of one phase.</summary>
    private sealed class Series(string phase)
    {
        private readonly List<double> _rss = [];
        private readonly List<double> _managed = [];
        private long _liveTensors;

        /// <summary>The 10th call (index 9): the reference after warm-up (first-call allocations, JIT, allocator pools).</summary>
        private int From => Math.Min(9, _rss.Count - 1);

        public void Measure(int call)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            _rss.Add(ProcessMemory.ResidentMegabytes());
            _managed.Add(GC.GetTotalMemory(forceFullCollection: true) / 1048576.0);
            _liveTensors = TorchSharp.torch.Tensor.TotalCount;
            Console.WriteLine(JsonSerializer.Serialize(new { phase, call, rss_mb = Math.Round(_rss[^1], 1), managed_mb = Math.Round(_managed[^1], 2), gc_committed_mb = Math.Round(GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0, 1), live_tensors = _liveTensors }));
        }

        public void Summarize(string committee) => Console.WriteLine(JsonSerializer.Serialize(new
        {
            summary = "memory",
            phase,
            committee,
            calls = _rss.Count,
            rss_first_mb = Math.Round(_rss[0], 1),
            rss_last_mb = Math.Round(_rss[^1], 1),
            rss_max_mb = Math.Round(_rss.Max(), 1),
            rss_growth_percent = Math.Round(100 * (_rss[^1] - _rss[0]) / _rss[0], 2),
            rss_max_over_first_percent = Math.Round(100 * (_rss.Max() - _rss[0]) / _rss[0], 2),
            rss_growth_after_10_percent = Math.Round(100 * (_rss[^1] - _rss[From]) / _rss[From], 2),
            managed_first_mb = Math.Round(_managed[0], 2),
            managed_last_mb = Math.Round(_managed[^1], 2),
            managed_max_mb = Math.Round(_managed.Max(), 2),
            managed_growth_percent = Math.Round(100 * (_managed[^1] - _managed[0]) / _managed[0], 2),
            managed_growth_after_10_mb = Math.Round(_managed[^1] - _managed[From], 3),
            live_tensors_last = _liveTensors,
            tcmalloc = RunEnvironment.Tcmalloc ? "yes" : "no",
            tiered_compilation = RunEnvironment.TieredCompilation,
        }));
    }
}
