using AdversarialSampling.Attacks;
using AdversarialSampling.Models;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Attacks;

/// <summary>Small committees, seeds and training sets for attack tests.</summary>
internal static class AttackTestKit
{
    /// <summary>An untrained MLP committee over (x, y) of one particle (the 2D toy's model).</summary>
    public static ICommitteeModel PlaneCommittee(ScalarType dtype = ScalarType.Float64, MemberEvaluation evaluation = MemberEvaluation.Stacked, int members = 4, int seed = 3)
        => new MlpSpec { AtomCount = 1, InputComponents = [0, 1], Width = 16, Depth = 3, Evaluation = evaluation, NormalizeEnergy = false }
            .Create(members, seed, dtype);

    /// <summary>An untrained MLP committee over all 9 coordinates of a 3-atom structure.</summary>
    public static ICommitteeModel TriatomicCommittee(ScalarType dtype = ScalarType.Float64, MemberEvaluation evaluation = MemberEvaluation.Stacked, int seed = 5)
        => new MlpSpec { AtomCount = 3, Width = 16, Depth = 3, Evaluation = evaluation, NormalizeEnergy = false }
            .Create(4, seed, dtype);

    /// <summary>Particles on the 2D double well (z frozen) at seeded random points in [−1, 1]².</summary>
    public static List<AtomicStructure> PlaneSeeds(int count, int seed = 11)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => DoubleWell2D.Particle((2 * rng.NextDouble()) - 1, (2 * rng.NextDouble()) - 1))];
    }

    /// <summary>Bent triatomic "molecules" (O with two H at ~1 Å), seeded jitter, no constraints.</summary>
    public static List<AtomicStructure> TriatomicSeeds(int count, int seed = 13)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            double J() => 0.05 * ((2 * rng.NextDouble()) - 1);
            return new AtomicStructure([8, 1, 1], [J(), J(), J(), 0.96 + J(), J(), J(), -0.24 + J(), 0.93 + J(), J()]);
        })];
    }

    /// <summary>Triatomics whose two H atoms start 0.6–0.8 Å apart (close to a 0.8 × covalent guard of 0.50 Å), seeded jitter.</summary>
    public static List<AtomicStructure> CrowdedTriatomicSeeds(int count, int seed = 29)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            double J() => 0.1 * ((2 * rng.NextDouble()) - 1);
            return new AtomicStructure([8, 1, 1], [J(), J(), J(), 0.96 + J(), J(), J(), 0.96 + J(), 0.7 + J(), J()]);
        })];
    }

    /// <summary>Labelled double-well points (energies in eV) used for Z.</summary>
    public static Dataset PlaneTraining(int count = 40, int seed = 17)
    {
        var rng = new Random(seed);
        var potential = new DoubleWell2D();
        return new Dataset(Enumerable.Range(0, count).Select(_ =>
        {
            var s = DoubleWell2D.Particle((2 * rng.NextDouble()) - 1, (2 * rng.NextDouble()) - 1);
            var r = potential.Compute(s);
            return new LabelledSample(s, r.Energy, r.Forces);
        }));
    }

    /// <summary>Labelled triatomic structures with a made-up energy (eV) per structure, for Z.</summary>
    public static Dataset TriatomicTraining(int count = 10)
        => new(TriatomicSeeds(count, seed: 19).Select((s, i) => new LabelledSample(s, -10 - (0.1 * i), new double[9])));

    /// <summary>The 2D paper attack with a given temperature and step count.</summary>
    public static GradientAttackOptions PlaneOptions(double kT = 1, int steps = 40, double learningRate = 0.02)
        => GradientAttackOptions.Paper() with
        {
            Objective = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(kT) },
            Steps = steps,
            LearningRate = learningRate,
        };

    /// <summary>The objective's training minimum in its mode.</summary>
    public static double TrainingMinimum(Dataset training, BoltzmannObjective objective)
        => training.Min(s => objective.ModeEnergy(s.Energy, s.Structure.AtomCount));
}
