using AdversarialSampling.Attacks;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using BenchmarkDotNet.Attributes;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// What the soft-mode restriction (<see cref="GradientAttackOptions.SoftModes"/>, the default for molecules) costs as
/// molecules grow: its finite-difference Hessian takes 2 × 3N batched force evaluations before the first step, and
/// every step projects the update. 2 seeds × 100 Adam steps (the molecular step count of the default and the Paper
/// preset) with the Paper preset's molecular settings (kT = 20 kcal/mol, Adam 1e-2, clamp ±3 Å; no guard or ceiling,
/// so every seed takes every step) and <c>SoftModes</c> off or 1, on a default 5-member SchNet committee (64 features,
/// 3 interactions, cutoff 5 Å, float32; untrained, normalisation fitted on the seeds with zero energies: the cost of a
/// step does not depend on the weights). Systems: NH3 (4 atoms), and cubic-grid water clusters of 8 and 32 molecules
/// (24 and 96 atoms, non-periodic). One launch, one warm-up, three measured iterations, in process (up to 30 min per
/// case: the 96-atom soft-mode attack takes about two minutes per operation).
/// </summary>
[Config(typeof(LongInProcessConfig))]
[MemoryDiagnoser]
public class SoftModeBenchmarks
{
    private const int SeedCount = 2;
    private ICommitteeModel? _model;
    private List<AtomicStructure> _seeds = [];
    private AttackContext? _context;
    private GradientAttack? _attack;

    /// <summary>The molecule attacked.</summary>
    [Params("NH3 (4 atoms)", "water 8 (24 atoms)", "water 32 (96 atoms)")]
    public string Molecule { get; set; } = string.Empty;

    /// <summary>Softest modes kept per seed; 0 = off (every coordinate free).</summary>
    [Params(0, 1)]
    public int SoftModes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var molecule = Molecule switch
        {
            "NH3 (4 atoms)" => BenchSystems.LowestEnergy(BenchSystems.Ammonia(), 1)[0],
            "water 8 (24 atoms)" => BenchSystems.WaterCluster(2, 2, 2),
            "water 32 (96 atoms)" => BenchSystems.WaterCluster(4, 4, 2),
            _ => throw new ArgumentOutOfRangeException(nameof(Molecule), Molecule, "Unknown molecule."),
        };
        var rng = new Random(7);
        _seeds = [.. Enumerable.Range(0, SeedCount).Select(_ => molecule.WithPositions([.. molecule.Positions.Select(x => x + (0.02 * (rng.NextDouble() - 0.5)))]))];
        var training = new Dataset(_seeds.Select(s => new LabelledSample(s, 0, new double[s.Positions.Length])));
        _model = new SchNetSpec().Create(5, seed: 0);
        _model.FitNormalization(training);
        _context = new AttackContext(training);
        _attack = new GradientAttack(GradientAttackOptions.Paper(PaperSystem.Molecule) with { SoftModes = SoftModes == 0 ? null : SoftModes });
    }

    [Benchmark(Description = "attack (2 seeds × 100 steps)")]
    public int Attack() => _attack!.Attack(_model!, _seeds, _context!).Count;

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();
}
