using AdversarialSampling.Committees;
using AdversarialSampling.Loop;
using AdversarialSampling.Models;
using AdversarialSampling.Runs;
using AdversarialSampling.Structures;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// The cost of one save of the committee's training state (the loop saves it at most once a minute by default; see
/// docs/run-store-and-resume.md): two training epochs on the reference workload (<see cref="TrainingBench"/>, 800
/// points) without a state store, and the same with one save between the epochs into a real run store
/// (<c>checkpoints/gen-000/training-state.bin</c>: raw weights, best weights and Adam's moments, written atomically
/// with fsync, its SHA-256 recorded). The difference of the two is one save. 5×(4×128) and 5×(4×1024), stacked;
/// in process, one warm-up and three measured iterations.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class TrainingStateBenchmarks
{
    private const int Epochs = 2;
    private TorchCommittee? _committee;
    private Dataset _data = Dataset.Empty;
    private string _directory = "";
    private RunStore? _store;

    [Params(128, 1024)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _committee = TrainingBench.Committee(Width, 4, MemberEvaluation.Stacked, Epochs);
        _data = DoubleWellBench.Training();
        _directory = Path.Combine(Path.GetTempPath(), "as-bench-state-" + Guid.NewGuid().ToString("N")[..8]);
        _store = RunStore.Open(_directory, RunStoreOpenMode.CreateNew);
    }

    [Benchmark(Baseline = true, Description = "2 epochs, no state saved")]
    public int WithoutSave()
    {
        _committee!.TrainingStateStore = null;
        return _committee.Train(_data, Dataset.Empty).Epochs;
    }

    [Benchmark(Description = "2 epochs, state saved once")]
    public int WithOneSave()
    {
        _committee!.TrainingStateStore = new SaveOnly(new LoopTrainingState(_store!, 0, TimeSpan.Zero, NullLogger.Instance));
        return _committee.Train(_data, Dataset.Empty).Epochs;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _committee?.Dispose();
        _store?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Saves through the loop's store but never offers a saved state back (each invocation trains from epoch 1).</summary>
    private sealed class SaveOnly(ITrainingStateStore inner) : ITrainingStateStore
    {
        public TimeSpan Interval => TimeSpan.Zero;

        public byte[]? Load() => null;

        public void Save(byte[] state, int epoch) => inner.Save(state, epoch);
    }
}
