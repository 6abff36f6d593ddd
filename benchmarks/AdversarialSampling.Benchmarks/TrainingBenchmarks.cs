using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using BenchmarkDotNet.Attributes;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// One training epoch of the library's trainer on the reference_attack.py <c>train</c> workload (800 points,
/// minibatches of 35, MSE(E) + 10·MSE(F), Adam; see <see cref="TrainingBench"/>) with 5×(4×128) and 5×(4×1024)
/// MLP committees, stacked versus per-member, in one run. Each invocation trains 3 epochs (reported per epoch),
/// so the per-call set-up (normalisation fit, weight snapshots, a fresh Adam) is amortised; in process, one
/// warm-up and three measured iterations.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private const int Epochs = 3;
    private TorchCommittee? _committee;
    private Dataset _data = Dataset.Empty;

    [Params(128, 1024)]
    public int Width { get; set; }

    [Params(MemberEvaluation.Stacked, MemberEvaluation.PerMember)]
    public MemberEvaluation Evaluation { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _committee = TrainingBench.Committee(Width, 4, Evaluation, Epochs);
        _data = DoubleWellBench.Training();
    }

    [Benchmark(Description = "one training epoch, 800 points", OperationsPerInvoke = Epochs)]
    public int Epoch() => _committee!.Train(_data, Dataset.Empty).Epochs;

    [GlobalCleanup]
    public void Cleanup() => _committee?.Dispose();
}
