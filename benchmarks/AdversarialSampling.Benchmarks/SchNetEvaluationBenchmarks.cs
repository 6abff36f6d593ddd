using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using BenchmarkDotNet.Attributes;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// Energies and forces of a default 5-member SchNet committee (64 features, 3 interactions, cutoff 5 Å, float32)
/// on 100 NH3 molecules (400 atoms, 1 200 pairs) and on a 100-atom periodic fcc argon crystal (1 200 pairs),
/// members stacked versus one after another, in one run. Weights frozen. "energies + forces": batch and
/// neighbour list built on every call (prediction). "force-variance gradient": one attack step on a batch built
/// once — energies and forces with their graph, mean force variance, its gradient by double backpropagation.
/// </summary>
[Config(typeof(EvaluationJobConfig))]
[MemoryDiagnoser]
public class SchNetEvaluationBenchmarks
{
    private ICommitteeModel? _model;
    private List<AtomicStructure> _structures = [];
    private AtomBatch? _batch;

    [Params("NH3 x100", "Ar fcc 100-atom cell")]
    public string Atoms { get; set; } = string.Empty;

    [Params(MemberEvaluation.Stacked, MemberEvaluation.PerMember)]
    public MemberEvaluation Evaluation { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new SchNetSpec { Evaluation = Evaluation }.Create(5, seed: 0);
        _model.SetTrainable(false);
        _structures = Atoms.StartsWith("NH3", StringComparison.Ordinal) ? BenchSystems.Ammonia100() : [BenchSystems.ArgonCrystal()];
        _batch = AtomBatch.FromStructures(_structures, _model.DType);
    }

    [Benchmark(Description = "energies + forces")]
    public float EnergiesAndForces() => CommitteeBench.EnergiesAndForces(_model!, _structures);

    [Benchmark(Description = "force-variance gradient")]
    public float ForceVarianceGradient() => CommitteeBench.ForceVarianceGradient(_model!, _batch!);

    [GlobalCleanup]
    public void Cleanup()
    {
        _batch?.Dispose();
        _model?.Dispose();
    }
}
