using AdversarialSampling.Attacks;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using BenchmarkDotNet.Attributes;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// The attack benchmarks of issue #4, stacked (batched members) versus per-member evaluation in one run, weights
/// frozen:
/// <list type="bullet">
/// <item>"MLP 4×128" and "MLP 4×1024": 100 seeds × 600 steps on the 2D double well with 5×(4×128) and 5×(4×1024)
/// MLP committees (<see cref="DoubleWellBench"/>, the PyTorch baseline's problem);</item>
/// <item>"SchNet NH3": the 20 lowest-energy generation-0 frames of samples/data/ammonia-bp86 × 60 steps with the
/// paper's molecular settings (Adam 1e-2, δ std 0.01 Å, clamp ±3 Å, kT = 20 kcal/mol; no guard or ceiling, so every
/// seed takes every step) on a default 5-member SchNet committee (64 features, 3 interactions, cutoff 5 Å, float32;
/// untrained, per-element normalisation fitted on generation 0 — the cost of a step does not depend on the weights).</item>
/// </list>
/// Each operation takes seconds to tens of seconds, hence one launch, one warm-up and three measured iterations. Runs
/// in process (the host already loads libtorch with the build's native-library fix and inherits
/// LD_PRELOAD=libtcmalloc_minimal.so.4).
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class AttackBenchmarks
{
    private ICommitteeModel? _model;
    private List<AtomicStructure> _seeds = [];
    private AttackContext? _context;
    private GradientAttack? _attack;

    [Params("MLP 4×128", "MLP 4×1024", "SchNet NH3")]
    public string Committee { get; set; } = string.Empty;

    [Params(MemberEvaluation.Stacked, MemberEvaluation.PerMember)]
    public MemberEvaluation Evaluation { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Committee == "SchNet NH3")
        {
            var initial = BenchSystems.Ammonia().Where(s => s.GetMetadata("generation", -1L) == 0);
            _model = new SchNetSpec { Evaluation = Evaluation }.Create(5, seed: 0);
            _model.FitNormalization(initial);
            _seeds = BenchSystems.LowestEnergy(initial, 20);
            _context = new AttackContext(initial);
            _attack = new GradientAttack(GradientAttackOptions.Paper(PaperSystem.Molecule) with { Steps = 60 });
            return;
        }

        _model = DoubleWellBench.Committee(Committee == "MLP 4×128" ? 128 : 1024, 4, Evaluation);
        _seeds = DoubleWellBench.Seeds(100);
        _context = new AttackContext(DoubleWellBench.Training());
        _attack = new GradientAttack(DoubleWellBench.Options(600));
    }

    [Benchmark(Description = "attack (MLP: 100 seeds × 600 steps; SchNet: 20 NH3 × 60 steps)")]
    public int Attack() => _attack!.Attack(_model!, _seeds, _context!).Count;

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();
}
