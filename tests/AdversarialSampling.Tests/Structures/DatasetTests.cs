using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Structures;

public class DatasetTests
{
    [Fact]
    public void Constructor_NullSample_ThrowsNamingIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset([Sample(0), Sample(1), null!]));

        Assert.Equal("samples", e.ParamName);
        Assert.Contains("sample 2", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Dataset.Empty.Append([Sample(0), null!]));
    }

    [Fact]
    public void Append_OneOrMany_ReturnsNewSetAndLeavesOriginal()
    {
        var original = new Dataset([Sample(0), Sample(1)]);

        var one = original.Append(Sample(2));
        var many = original.Append([Sample(3), Sample(4)]);

        Assert.Equal(2, original.Count);
        Assert.Equal([0.0, 1.0], original.Select(s => s.Energy));
        Assert.Equal([0.0, 1.0, 2.0], one.Select(s => s.Energy));
        Assert.Equal([0.0, 1.0, 3.0, 4.0], many.Select(s => s.Energy));
        Assert.Empty(Dataset.Empty);
        Assert.Single(Dataset.Empty.Append(Sample(9)));
        Assert.Empty(Dataset.Empty);
    }

    [Fact]
    public void Where_Predicate_KeepsMatchingInOrderAndLeavesOriginal()
    {
        var set = Many(10);

        var even = set.Where(s => s.Energy % 2 == 0);

        Assert.Equal([0.0, 2.0, 4.0, 6.0, 8.0], even.Select(s => s.Energy));
        Assert.Equal(10, set.Count);
        Assert.Same(set[3], set.Where(s => s.Energy == 3)[0]);
    }

    [Fact]
    public void Split_Defaults_60_20_20CompleteAndDisjoint()
    {
        var set = Many(100);

        var split = set.Split();

        Assert.Equal(60, split.Train.Count);
        Assert.Equal(20, split.Validation.Count);
        Assert.Equal(20, split.Test.Count);
        var all = split.Train.Concat(split.Validation).Concat(split.Test).Select(s => s.Energy).ToArray();
        Assert.Equal(100, all.Distinct().Count());
        Assert.Equal(set.Select(s => s.Energy).Order(), all.Order());
        Assert.NotEqual(Enumerable.Range(0, 60).Select(i => (double)i), split.Train.Select(s => s.Energy));
    }

    [Fact]
    public void Split_SameSeed_SamePartitionAndOtherSeedDiffers()
    {
        var set = Many(50);

        var a = set.Split(seed: 7);
        var b = set.Split(seed: 7);
        var c = set.Split(seed: 8);

        Assert.Equal(a.Train.Select(s => s.Energy), b.Train.Select(s => s.Energy));
        Assert.Equal(a.Validation.Select(s => s.Energy), b.Validation.Select(s => s.Energy));
        Assert.Equal(a.Test.Select(s => s.Energy), b.Test.Select(s => s.Energy));
        Assert.NotEqual(a.Train.Select(s => s.Energy), c.Train.Select(s => s.Energy));
    }

    [Theory]
    [InlineData(10, 0.6, 0.2, 6, 2, 2)]
    [InlineData(7, 0.6, 0.2, 4, 1, 2)]
    [InlineData(5, 0.5, 0.5, 3, 2, 0)]
    [InlineData(3, 1.0, 0.0, 3, 0, 0)]
    [InlineData(4, 0.0, 0.0, 0, 0, 4)]
    [InlineData(0, 0.6, 0.2, 0, 0, 0)]
    [InlineData(10, 0.7, 0.3, 7, 3, 0)]
    public void Split_Fractions_RoundedSizesSumToCount(int n, double train, double validation, int nTrain, int nVal, int nTest)
    {
        var split = Many(n).Split(train, validation, seed: 1);

        Assert.Equal((nTrain, nVal, nTest), (split.Train.Count, split.Validation.Count, split.Test.Count));
    }

    [Theory]
    [InlineData(-0.1, 0.2, "trainFraction")]
    [InlineData(1.1, 0.0, "trainFraction")]
    [InlineData(double.NaN, 0.2, "trainFraction")]
    [InlineData(0.6, -0.2, "validationFraction")]
    [InlineData(0.6, 0.5, "validationFraction")]
    [InlineData(0.0, 1.5, "validationFraction")]
    [InlineData(0.6, double.PositiveInfinity, "validationFraction")]
    public void Split_InvalidFractions_ThrowsNamingTheFraction(double train, double validation, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Many(10).Split(train, validation));

        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Statistics_HandMadeSet_ExpectedValues()
    {
        var water = AtomicStructure.FromSymbols(["O", "H", "H"], new double[9]);
        var periodicH2 = new AtomicStructure([1, 1], [0, 0, 0, 0.74, 0, 0], UnitCell.Orthorhombic(10, 10, 10));
        var set = new Dataset(
        [
            new LabelledSample(water, -2, [3, 4, 0, 0, 0, 0, 0, 0, 0]),
            new LabelledSample(periodicH2, -6, [0, 0, 1, 0, 0, -1]),
            new LabelledSample(water, 2),
        ]);

        var stats = set.Statistics;

        Assert.Equal(3, stats.Count);
        Assert.Equal(2, stats.AtomsMin);
        Assert.Equal(3, stats.AtomsMax);
        Assert.Equal(["H", "O"], stats.Elements.ToArray());
        Assert.True(stats.Periodic);
        Assert.Equal(-6, stats.EnergyMin);
        Assert.Equal(2, stats.EnergyMax);
        Assert.Equal(-2, stats.EnergyMean);
        Assert.Equal(Math.Sqrt(32.0 / 3), stats.EnergyStd!.Value, 1e-12);
        Assert.Equal(5, stats.MaxForceNorm);
        Assert.Equal(2, stats.WithForces);
    }

    [Fact]
    public void Statistics_EmptySet_ZerosAndNulls()
    {
        var stats = Dataset.Empty.Statistics;

        Assert.Equal(0, stats.Count);
        Assert.Null(stats.EnergyMin);
        Assert.Null(stats.EnergyStd);
        Assert.Null(stats.MaxForceNorm);
        Assert.Empty(stats.Elements);
        Assert.False(stats.Periodic);
    }

    [Fact]
    public void Statistics_ZeroAtomSample_CountsAsHavingForcesLikeHasForces()
    {
        var empty = new LabelledSample(new AtomicStructure([], []), 0);

        var stats = new Dataset([empty]).Statistics;

        Assert.True(empty.HasForces);
        Assert.Equal(1, stats.WithForces);
        Assert.Equal(0, stats.AtomsMax);
    }

    private static LabelledSample Sample(double energy) => new(new AtomicStructure([1], [energy, 0, 0]), energy);

    private static Dataset Many(int n) => new(Enumerable.Range(0, n).Select(i => Sample(i)));
}
