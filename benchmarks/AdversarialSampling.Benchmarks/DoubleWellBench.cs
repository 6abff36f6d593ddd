using AdversarialSampling.Attacks;
using AdversarialSampling.Models;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// The benchmark problem of reference_attack.py: an untrained 5-member MLP committee over (x, y) of one
/// particle, 100 seeds uniform in [−1.2, 1.2]², Z from 800 uniform points labelled by the 2D double well,
/// the paper's 2D attack (kT = 5, Adam 3e-3, δ std 0.01, unbounded), weights frozen.
/// </summary>
internal static class DoubleWellBench
{
    public static MlpSpec Spec(int width, int depth, MemberEvaluation evaluation = MemberEvaluation.Auto)
        => new() { AtomCount = 1, InputComponents = [0, 1], Width = width, Depth = depth, Evaluation = evaluation, NormalizeEnergy = false };

    public static ICommitteeModel Committee(int width, int depth, MemberEvaluation evaluation = MemberEvaluation.Auto, int members = 5)
        => Spec(width, depth, evaluation).Create(members, seed: 0, ScalarType.Float32);

    public static List<AtomicStructure> Seeds(int count, int seed = 1)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => DoubleWell2D.Particle((2 * rng.NextDouble() - 1) * 1.2, (2 * rng.NextDouble() - 1) * 1.2))];
    }

    public static Dataset Training(int points = 800, int seed = 2)
    {
        var rng = new Random(seed);
        var potential = new DoubleWell2D();
        return new Dataset(Enumerable.Range(0, points).Select(_ =>
        {
            var s = DoubleWell2D.Particle((2 * rng.NextDouble() - 1) * 1.2, (2 * rng.NextDouble() - 1) * 1.2);
            var r = potential.Compute(s);
            return new LabelledSample(s, r.Energy, r.Forces);
        }));
    }

    public static GradientAttackOptions Options(int steps) => GradientAttackOptions.Paper(PaperSystem.DoubleWell2D) with { Steps = steps };
}
