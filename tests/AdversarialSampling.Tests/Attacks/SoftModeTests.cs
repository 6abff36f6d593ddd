using System.Text.Json;
using AdversarialSampling.Attacks;
using AdversarialSampling.Loop;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.TestSupport;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Tests.Attacks;

/// <summary><see cref="GradientAttackOptions.SoftModes"/>: the softest internal modes of the committee-mean energy, and an ascent restricted to them.</summary>
public class SoftModeTests
{
    // SpringCommittee(k = 5): the members' mean energy is 5 Σ_pairs (d − 1)², i.e. springs of stiffness K = 10 eV/Å².
    private const double K = 10;

    private static AtomicStructure Triangle(double side = 1.0)
        => AtomicStructure.FromSymbols(["H", "H", "H"], [0, 0, 0, side, 0, 0, side / 2, side * Math.Sqrt(3) / 2, 0]);

    private static Dataset Training(params AtomicStructure[] structures)
        => new(structures.Select((s, i) => new LabelledSample(s, -1 - (0.01 * i), new double[3 * s.AtomCount])));

    private static SoftModeSubspace Subspace(IReadOnlyList<AtomicStructure> structures, int modes)
    {
        using var model = new SpringCommittee();
        var training = Training([.. structures]);
        var objective = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(1) }.Create(training);
        using var batch = new AttackBatch(model, structures, objective, new ForceVariance(), AttackBounds.None, trainingMinimum: -1);
        return SoftModeSubspace.Compute(batch, modes);
    }

    [Fact]
    public void Subspace_SpringMolecules_HaveTheAnalyticInternalEigenvaluesAndNoRigidBodyModes()
    {
        var diatomic = AtomicStructure.FromSymbols(["H", "H"], [0.3, -0.2, 0.1, 1.3, -0.2, 0.1]);

        var subspace = Subspace([Triangle(), diatomic], modes: 9);

        // Equilateral triangle of three springs K at rest (unit masses): the doubly degenerate E' pair at 3K/2 and the
        // breathing mode at 3K; the six rigid-body motions are removed, so only three modes remain. Diatomic: one
        // stretch at 2K (its two rotations and three translations removed).
        Assert.Equal([1.5 * K, 1.5 * K, 3 * K], subspace.Eigenvalues[0], new Tolerance(1e-3 * K));
        Assert.Equal([2 * K], subspace.Eigenvalues[1], new Tolerance(1e-3 * K));
    }

    [Fact]
    public void Subspace_FewerModesAsked_KeepsTheSoftestAndOneParticleKeepsAllCoordinates()
    {
        var particle = AtomicStructure.FromSymbols(["H"], [0.1, 0.2, 0.3]);

        var subspace = Subspace([Triangle(), particle], modes: 2);

        Assert.Equal([1.5 * K, 1.5 * K], subspace.Eigenvalues[0], new Tolerance(1e-3 * K));
        Assert.Equal(2, subspace.Eigenvalues[1].Length); // a model surface's coordinates are all internal (no energy here: flat)
    }

    [Fact]
    public void Attack_OneSoftMode_MovesEveryStartAlongOneLineWithoutRigidBodyMotion()
    {
        var seed = AtomicStructure.FromSymbols(["H", "H", "H"], [0, 0, 0, 1.05, 0, 0, 0.45, 0.9, 0.05]);
        var options = new GradientAttackOptions
        {
            Objective = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(10) },
            Steps = 30,
            LearningRate = 0.01,
            Starts = 4,
            DeltaStd = 0.02,
        };

        var soft = Displacements(options with { SoftModes = 1 });
        var free = Displacements(options);

        foreach (var d in soft)
        {
            Assert.True(Norm(d) > 1e-3, "the attack moved");
            for (int axis = 0; axis < 3; axis++)
            {
                Assert.Equal(0, Enumerable.Range(0, 3).Sum(a => d[(3 * a) + axis]), 1e-12); // no net translation
            }

            double[] torque = Torque(seed, d);
            Assert.All(torque, t => Assert.Equal(0, t, 1e-12)); // no net (first-order) rotation
            Assert.True(Math.Abs(Cosine(soft[0], d)) > 1 - 1e-9, "every start moves along the same mode");
        }

        Assert.Contains(free, d => Math.Abs(Cosine(free[0], d)) < 1 - 1e-6); // without the restriction the random starts stay apart
        return;

        double[][] Displacements(GradientAttackOptions o)
        {
            using var model = new SpringCommittee();
            var outcomes = new GradientAttack(o).Attack(model, [seed], new AttackContext(Training(seed, Triangle()), 7));
            return [.. outcomes.Select(x => x.Structure.Positions.Select((p, i) => p - seed.Positions[i]).ToArray())];
        }
    }

    [Fact]
    public void Attack_SoftModes_IsDeterministic()
    {
        var seeds = AttackTestKit.TriatomicSeeds(3);
        var options = new GradientAttackOptions
        {
            Objective = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(1) },
            Steps = 10,
            LearningRate = 0.01,
            SoftModes = 2,
        };

        double[] Run()
        {
            using var model = new SpringCommittee();
            return [.. new GradientAttack(options).Attack(model, seeds, new AttackContext(Training([.. seeds]), 3)).SelectMany(o => o.Structure.Positions)];
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Options_SoftModesBelowOne_IsAProblemNamingIt()
    {
        var problems = (GradientAttackOptions.Paper() with { SoftModes = 0 }).Validate();

        Assert.Contains(problems, p => p.Contains("SoftModes", StringComparison.Ordinal));
        Assert.Empty((GradientAttackOptions.Paper() with { SoftModes = 1 }).Validate());
    }

    [Fact]
    public void Options_SoftModesOff_LeavesTheSerialisedSettingsOfEarlierRunsUnchanged()
    {
        string off = JsonSerializer.Serialize(GradientAttackOptions.Paper(), LoopJson.Options);
        string on = JsonSerializer.Serialize(GradientAttackOptions.Paper() with { SoftModes = 3 }, LoopJson.Options);

        Assert.DoesNotContain("softModes", off, StringComparison.Ordinal);
        Assert.Contains("\"softModes\": 3", on, StringComparison.Ordinal);
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

    private static double Cosine(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum() / (Norm(a) * Norm(b));

    private static double[] Torque(AtomicStructure s, double[] d)
    {
        var p = s.Positions;
        double[] c = [.. Enumerable.Range(0, 3).Select(k => Enumerable.Range(0, s.AtomCount).Average(a => p[(3 * a) + k]))];
        var torque = new double[3];
        for (int a = 0; a < s.AtomCount; a++)
        {
            double x = p[3 * a] - c[0], y = p[(3 * a) + 1] - c[1], z = p[(3 * a) + 2] - c[2];
            double dx = d[3 * a], dy = d[(3 * a) + 1], dz = d[(3 * a) + 2];
            torque[0] += (y * dz) - (z * dy);
            torque[1] += (z * dx) - (x * dz);
            torque[2] += (x * dy) - (y * dx);
        }

        return torque;
    }
}
