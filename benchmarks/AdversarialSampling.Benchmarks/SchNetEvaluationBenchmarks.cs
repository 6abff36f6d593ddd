using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using BenchmarkDotNet.Attributes;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// Energies and forces of a default 5-member SchNet committee (64 features, 3 interactions, cutoff 5 Å, float32)
/// on 100 NH3 molecules (400 atoms, 1 200 pairs) and on a 100-atom periodic fcc argon crystal (1 200 pairs),
/// members stacked versus one after another, in one run. Weights frozen; batch and neighbour list built on
/// every call.
/// </summary>
[MemoryDiagnoser]
public class SchNetEvaluationBenchmarks
{
    private ICommitteeModel? _model;
    private List<AtomicStructure> _structures = [];

    [Params("NH3 x100", "Ar fcc 100-atom cell")]
    public string System { get; set; } = string.Empty;

    [Params(MemberEvaluation.Stacked, MemberEvaluation.PerMember)]
    public MemberEvaluation Evaluation { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new SchNetSpec { Evaluation = Evaluation }.Create(5, seed: 0);
        _model.SetTrainable(false);
        _structures = System.StartsWith("NH3", StringComparison.Ordinal) ? BenchSystems.Ammonia100() : [BenchSystems.ArgonCrystal()];
    }

    [Benchmark(Description = "energies + forces")]
    public float EnergiesAndForces() => CommitteeBench.EnergiesAndForces(_model!, _structures);

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();
}
