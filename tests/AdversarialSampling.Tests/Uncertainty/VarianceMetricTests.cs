using AdversarialSampling.Committees;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Tests.Uncertainty;

public class VarianceMetricTests
{
    // Three members, two atoms. Component values over members:
    //   atom 0: x = (1, 3, 2), y = (0, 0, 0), z = (0, 0, 3)    atom 1: x = 0, y = (2, 2, 5), z = 0
    // Sums of squared deviations: x0 = 2, z0 = 6, y1 = 6, others 0.
    // Unbiased (÷2): [1, 0, 3, 0, 3, 0] → u_F = 7/6; per atom [4/3, 1]. Population (÷3): u_F = 7/9.
    // Energies (−10, −12, −11): Σ(d²) = 2 → unbiased 1 eV², population 2/3 eV²; per atom (N = 2): ÷ 4.
    internal static StructurePrediction HandComputed() => new(
        [-10.0, -12.0, -11.0],
        [
            [1.0, 0, 0, 0, 2, 0],
            [3.0, 0, 0, 0, 2, 0],
            [2.0, 0, 3, 0, 5, 0],
        ]);

    [Fact]
    public void ForceVariance_DefaultEstimator_IsUnbiasedOnHandComputedNumbers()
    {
        var metric = new ForceVariance();
        Assert.Equal(VarianceEstimator.Unbiased, metric.Estimator);
        Assert.Equal(7.0 / 6.0, metric.Evaluate(HandComputed()), 14);
    }

    [Fact]
    public void ForceVariance_PopulationEstimator_DividesByMemberCount()
        => Assert.Equal(7.0 / 9.0, new ForceVariance(VarianceEstimator.Population).Evaluate(HandComputed()), 14);

    [Fact]
    public void ForceComponents_HandComputed_MatchesEveryComponent()
        => Assert.Equal([1.0, 0, 3, 0, 3, 0], CommitteeVariance.ForceComponents(HandComputed()));

    [Fact]
    public void FreeComponents_HandComputed_LeavesOutTheFrozenComponents()
    {
        var metric = new ForceVariance();
        Assert.Equal([1.0, 0, 0, 3], metric.FreeComponents(HandComputed(), [false, false, true, false, false, true]));
        Assert.Equal([1.0, 0, 3, 0, 3, 0], metric.FreeComponents(HandComputed(), new bool[6]));
        Assert.Equal([1.0, 0, 3, 0, 3, 0], metric.FreeComponents(HandComputed(), [true, true, true, true, true, true])); // all frozen: all count
    }

    [Fact]
    public void FreeComponents_MaskOfAnotherLength_NamesBothLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => new ForceVariance().FreeComponents(HandComputed(), [false, false, true]));
        Assert.StartsWith("The frozen mask has 3 entries but the prediction has 6 force components (3N).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PerAtom_HandComputed_IsMeanOverComponents()
    {
        var perAtom = new ForceVariance().PerAtom(HandComputed());
        Assert.Equal(2, perAtom.Length);
        Assert.Equal(4.0 / 3.0, perAtom[0], 14);
        Assert.Equal(1.0, perAtom[1], 14);
    }

    [Fact]
    public void MaxAtomForceVariance_HandComputed_IsLargestPerAtomValue()
        => Assert.Equal(4.0 / 3.0, new MaxAtomForceVariance().Evaluate(HandComputed()), 14);

    [Theory]
    [InlineData(VarianceEstimator.Unbiased, 1.0)]
    [InlineData(VarianceEstimator.Population, 2.0 / 3.0)]
    public void EnergyVariance_HandComputed_MatchesEstimator(VarianceEstimator estimator, double expected)
        => Assert.Equal(expected, new EnergyVariance(estimator).Evaluate(HandComputed()), 14);

    [Theory]
    [InlineData(VarianceEstimator.Unbiased)]
    [InlineData(VarianceEstimator.Population)]
    public void EnergyPerAtomVariance_Always_IsEnergyVarianceOverAtomCountSquared(VarianceEstimator estimator)
    {
        var p = RandomPrediction(members: 5, atoms: 7, seed: 3);
        double total = new EnergyVariance(estimator).Evaluate(p);
        Assert.Equal(total / 49.0, new EnergyPerAtomVariance(estimator).Evaluate(p), 14);
        Assert.Equal(0.25, new EnergyPerAtomVariance(estimator).Evaluate(HandComputed()) / new EnergyVariance(estimator).Evaluate(HandComputed()), 14);
    }

    [Theory]
    [InlineData(VarianceEstimator.Unbiased, 1)]
    [InlineData(VarianceEstimator.Population, 2)]
    public void PerAtom_RandomPrediction_MeanEqualsForceVariance(VarianceEstimator estimator, int seed)
    {
        var p = RandomPrediction(members: 4, atoms: 9, seed);
        var metric = new ForceVariance(estimator);
        Assert.Equal(metric.Evaluate(p), metric.PerAtom(p).Average(), 13);
        Assert.Equal(metric.PerAtom(p).Max(), new MaxAtomForceVariance(estimator).Evaluate(p), 15);
    }

    [Fact]
    public void Evaluate_OneMemberUnbiased_ThrowsNamingTheEstimator()
    {
        var single = new StructurePrediction([1.0], [[0.1, 0.2, 0.3]]);
        var ex = Assert.Throws<ArgumentException>(() => new ForceVariance().Evaluate(single));
        Assert.Contains("Unbiased", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0.0, new ForceVariance(VarianceEstimator.Population).Evaluate(single));
    }

    [Fact]
    public void Evaluate_NoAtoms_ThrowsForPerAtomMetrics()
    {
        var empty = new StructurePrediction([1.0, 2.0], [[], []]);
        Assert.Throws<ArgumentException>(() => new ForceVariance().Evaluate(empty));
        Assert.Throws<ArgumentException>(() => new MaxAtomForceVariance().Evaluate(empty));
        Assert.Throws<ArgumentException>(() => new EnergyPerAtomVariance().Evaluate(empty));
        Assert.Equal(0.5, new EnergyVariance().Evaluate(empty), 15);
    }

    [Fact]
    public void Unit_EachMetric_IsItsPhysicalUnit()
    {
        Assert.Equal(UncertaintyUnit.ForceVariance, new ForceVariance().Unit);
        Assert.Equal(UncertaintyUnit.ForceVariance, new MaxAtomForceVariance().Unit);
        Assert.Equal(UncertaintyUnit.EnergyVariance, new EnergyVariance().Unit);
        Assert.Equal(UncertaintyUnit.EnergyPerAtomVariance, new EnergyPerAtomVariance().Unit);
        Assert.Equal("ForceVariance (Unbiased, eV²/Å²)", new ForceVariance().ToString());
    }

    [Fact]
    public void EvaluateAll_Batch_GivesOneValuePerStructureInOrder()
    {
        var batch = new CommitteePrediction([HandComputed(), RandomPrediction(3, 2, 5)]);
        var values = new ForceVariance().EvaluateAll(batch);
        Assert.Equal(2, values.Length);
        Assert.Equal(7.0 / 6.0, values[0], 14);
        Assert.Equal(new ForceVariance().Evaluate(batch[1]), values[1]);
    }

    internal static StructurePrediction RandomPrediction(int members, int atoms, int seed)
    {
        var rng = new Random(seed);
        var energies = Enumerable.Range(0, members).Select(_ => -50 + rng.NextDouble()).ToArray();
        var forces = Enumerable.Range(0, members)
            .Select(_ => (IReadOnlyList<double>)[.. Enumerable.Range(0, 3 * atoms).Select(_ => rng.NextDouble() * 2 - 1)])
            .ToArray();
        return new StructurePrediction(energies, forces);
    }
}
