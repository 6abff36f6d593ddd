using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using BenchmarkDotNet.Attributes;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// One training epoch of a default 5-member SchNet committee on the 78 generation-0 NH3 frames (minibatches of 8,
/// loss 0.1·MSE(E) + MSE(F): the real-data acceptance test's settings). Each invocation trains 3 epochs
/// (reported per epoch); in process, one warm-up and three measured iterations.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class SchNetTrainingBenchmarks
{
    private const int Epochs = 3;
    private TorchCommittee? _committee;
    private Dataset _data = Dataset.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _committee = new TorchCommittee(
            new SchNetSpec(),
            new CommitteeOptions { Training = new TrainingOptions { Epochs = Epochs, BatchSize = 8, LearningRate = 3e-3, EnergyWeight = 0.1, ForceWeight = 1, EarlyStoppingPatience = 0 } });
        _data = BenchSystems.Ammonia().Where(s => s.GetMetadata("generation", -1L) == 0);
    }

    [Benchmark(Description = "one training epoch, 78 NH3", OperationsPerInvoke = Epochs)]
    public int Epoch() => _committee!.Train(_data, Dataset.Empty).Epochs;

    [GlobalCleanup]
    public void Cleanup() => _committee?.Dispose();
}
