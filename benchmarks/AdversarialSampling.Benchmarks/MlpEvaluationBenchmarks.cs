using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// Committee energies and forces of 100 points (the 2D double-well particle) with 5×(4×128) and 5×(4×1024) MLP
/// committees, batched members (stacked weights, one pass) versus a per-member loop, in one run. Weights frozen
/// (as in prediction and attacks); the batch is built on every call, as <c>TorchCommittee.Predict</c> does.
/// </summary>
[Config(typeof(EvaluationJobConfig))]
[MemoryDiagnoser]
public class MlpEvaluationBenchmarks
{
    private ICommitteeModel? _model;
    private List<AtomicStructure> _points = [];

    [Params(128, 1024)]
    public int Width { get; set; }

    [Params(MemberEvaluation.Stacked, MemberEvaluation.PerMember)]
    public MemberEvaluation Evaluation { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = DoubleWellBench.Committee(Width, 4, Evaluation);
        _model.SetTrainable(false);
        _points = DoubleWellBench.Seeds(100);
    }

    [Benchmark(Description = "energies + forces, 100 points")]
    public float EnergiesAndForces() => CommitteeBench.EnergiesAndForces(_model!, _points);

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();
}
