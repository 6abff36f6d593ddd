using AdversarialSampling.Attacks;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using BenchmarkDotNet.Attributes;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// The 600-step, 100-seed attack on the 2D double well with 5×(4×128) and 5×(4×1024) MLP committees, stacked
/// (batched members) versus per-member evaluation, weights frozen. Each operation takes seconds to tens of
/// seconds, hence one launch, one warm-up and three measured iterations. Runs in process (the host already
/// loads libtorch with the build's native-library fix and inherits LD_PRELOAD=libtcmalloc_minimal.so.4).
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class AttackBenchmarks
{
    private ICommitteeModel? _model;
    private List<AtomicStructure> _seeds = [];
    private AttackContext? _context;
    private GradientAttack? _attack;

    [Params(128, 1024)]
    public int Width { get; set; }

    [Params(MemberEvaluation.Stacked, MemberEvaluation.PerMember)]
    public MemberEvaluation Evaluation { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = DoubleWellBench.Committee(Width, 4, Evaluation);
        _seeds = DoubleWellBench.Seeds(100);
        _context = new AttackContext(DoubleWellBench.Training());
        _attack = new GradientAttack(DoubleWellBench.Options(600));
    }

    [Benchmark(Description = "attack 100 seeds × 600 steps")]
    public int Attack() => _attack!.Attack(_model!, _seeds, _context!).Count;

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();
}
