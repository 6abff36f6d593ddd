using AdversarialSampling.Committees;
using AdversarialSampling.Uncertainty;
using TorchSharp;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Uncertainty;

public class TensorVarianceMetricTests
{
    private static readonly int[] AtomsPerStructure = [3, 1, 4];

    public static TheoryData<string> Metrics => new() { "force", "max", "energy", "energyPerAtom" };

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Evaluate_TensorBatch_EqualsPlainPerStructure(string name)
    {
        using var scope = NewDisposeScope();
        foreach (var estimator in new[] { VarianceEstimator.Unbiased, VarianceEstimator.Population })
        {
            var metric = Create(name, estimator);
            var (energies, forces, index) = RandomBatch(members: 4, seed: 11);
            var tensorValues = metric.Evaluate(energies, forces, index, AtomsPerStructure.Length).data<double>().ToArray();
            var plain = ToPredictions(energies, forces);
            for (int b = 0; b < plain.Count; b++)
            {
                Assert.Equal(metric.Evaluate(plain[b]), tensorValues[b], 12);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Evaluate_ForcesFromAutograd_GradientMatchesFiniteDifferences(string name)
    {
        using var scope = NewDisposeScope();
        var metric = Create(name, VarianceEstimator.Unbiased);
        var rng = new Random(5);
        int atoms = AtomsPerStructure.Sum();
        var x0 = Enumerable.Range(0, 3 * atoms).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var index = StructureIndex();

        double U(double[] x, out double[] grad)
        {
            using var inner = NewDisposeScope();
            var pos = tensor(x, [atoms, 3], ScalarType.Float64).requires_grad_(true);
            var (e, f) = ToyCommittee(pos, index);
            var u = metric.Evaluate(e, f, index, AtomsPerStructure.Length).sum();
            grad = torch.autograd.grad([u], [pos])[0].data<double>().ToArray();
            return u.item<double>();
        }

        U(x0, out var analytic);
        const double h = 1e-5;
        for (int k = 0; k < x0.Length; k++)
        {
            var plus = (double[])x0.Clone();
            var minus = (double[])x0.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (U(plus, out _) - U(minus, out _)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[k]) < 1e-6 * (1 + Math.Abs(numeric)), $"{name} component {k}: autograd {analytic[k]}, finite difference {numeric}");
        }

        Assert.Contains(analytic, g => Math.Abs(g) > 1e-3);
    }

    [Fact]
    public void Evaluate_WrongShapes_ThrowsNamingTheArgument()
    {
        using var scope = NewDisposeScope();
        var (energies, forces, index) = RandomBatch(members: 3, seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => new ForceVariance().Evaluate(energies, forces, index, 2));
        Assert.Equal("memberEnergies", ex.ParamName);
        Assert.Throws<ArgumentException>(() => new ForceVariance().Evaluate(energies, forces[.., ..2], index, 3));
    }

    [Fact]
    public void PerAtom_Tensor_EqualsPlainVector()
    {
        using var scope = NewDisposeScope();
        var (energies, forces, _) = RandomBatch(members: 5, seed: 2);
        var all = new StructurePrediction(
            energies[.., 0].data<double>().ToArray(),
            [.. Enumerable.Range(0, 5).Select(m => (IReadOnlyList<double>)forces[m].reshape(-1).data<double>().ToArray())]);
        var metric = new ForceVariance();
        var expected = metric.PerAtom(all);
        var actual = metric.PerAtom(forces).data<double>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 13);
        }
    }

    private static CommitteeVarianceMetric Create(string name, VarianceEstimator estimator) => name switch
    {
        "force" => new ForceVariance(estimator),
        "max" => new MaxAtomForceVariance(estimator),
        "energy" => new EnergyVariance(estimator),
        _ => new EnergyPerAtomVariance(estimator),
    };

    private static Tensor StructureIndex()
        => tensor(AtomsPerStructure.SelectMany((n, b) => Enumerable.Repeat((long)b, n)).ToArray(), ScalarType.Int64);

    private static (Tensor Energies, Tensor Forces, Tensor Index) RandomBatch(int members, int seed)
    {
        var rng = new Random(seed);
        int atoms = AtomsPerStructure.Sum();
        var e = tensor(Enumerable.Range(0, members * AtomsPerStructure.Length).Select(_ => rng.NextDouble() - 20).ToArray(), [members, AtomsPerStructure.Length], ScalarType.Float64);
        var f = tensor(Enumerable.Range(0, members * atoms * 3).Select(_ => rng.NextDouble() * 2 - 1).ToArray(), [members, atoms, 3], ScalarType.Float64);
        return (e, f, StructureIndex());
    }

    private static List<StructurePrediction> ToPredictions(Tensor energies, Tensor forces)
    {
        var result = new List<StructurePrediction>();
        int start = 0;
        for (int b = 0; b < AtomsPerStructure.Length; b++)
        {
            int n = AtomsPerStructure[b];
            var memberEnergies = energies[.., b].data<double>().ToArray();
            var memberForces = Enumerable.Range(0, (int)energies.shape[0])
                .Select(m => (IReadOnlyList<double>)forces[m, start..(start + n)].reshape(-1).data<double>().ToArray())
                .ToArray();
            result.Add(new StructurePrediction(memberEnergies, memberForces));
            start += n;
        }

        return result;
    }

    /// <summary>Four toy members E_m = Σ_atoms Σ_c a_m,c sin(b_m x_c) + g_m x_c²; forces by autograd with a graph, so u(x) is differentiable.</summary>
    private static (Tensor Energies, Tensor Forces) ToyCommittee(Tensor pos, Tensor index)
    {
        var energies = new List<Tensor>();
        var forces = new List<Tensor>();
        for (int m = 0; m < 4; m++)
        {
            var a = tensor(new[] { 0.5 + 0.3 * m, 1.0 - 0.2 * m, 0.7 + 0.1 * m }, ScalarType.Float64);
            double b = 1.0 + 0.4 * m;
            double g = 0.1 * (m + 1);
            var perAtom = (a * (pos * b).sin() + g * pos.pow(2)).sum(1);
            var e = zeros(AtomsPerStructure.Length, ScalarType.Float64).index_add(0, index, perAtom, 1.0);
            var grad = torch.autograd.grad([e.sum()], [pos], create_graph: true, retain_graph: true)[0];
            energies.Add(e);
            forces.Add(-grad);
        }

        return (stack(energies), stack(forces));
    }
}
