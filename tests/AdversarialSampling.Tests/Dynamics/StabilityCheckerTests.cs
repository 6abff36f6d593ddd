using AdversarialSampling.Dynamics;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.Models;

namespace AdversarialSampling.Tests.Dynamics;

public class StabilityCheckerTests
{
    [Fact]
    public void Defaults_AreTheAmmoniaCriterion()
    {
        var checker = new StabilityChecker();

        Assert.Equal(0.75, checker.MinDistance);
        Assert.Equal(2.25, checker.MaxDistance);
        Assert.Equal(StabilityMode.AllPairs, checker.Mode);
        Assert.True(checker.IsStable(TestStructures.Ammonia()));
        Assert.True(StabilityChecker.Ammonia.IsStable(TestStructures.Ammonia()));
    }

    // Table: a chain of atoms along x at the given spacings; the first violation (kind, atoms) or none.
    [Theory]
    [InlineData(StabilityMode.AllPairs, new[] { 1.0, 1.0 }, null, 0, 0)]               // pairs 1, 1, 2 Å
    [InlineData(StabilityMode.AllPairs, new[] { 1.0, 0.7 }, StabilityViolationKind.TooClose, 1, 2)]
    [InlineData(StabilityMode.AllPairs, new[] { 1.2, 1.2 }, StabilityViolationKind.TooFar, 0, 2)] // 2.4 Å end to end
    [InlineData(StabilityMode.AllPairs, new[] { 0.74999, 3.0 }, StabilityViolationKind.TooClose, 0, 1)]
    [InlineData(StabilityMode.NearestNeighbor, new[] { 1.2, 1.2, 1.2 }, null, 0, 0)]   // long chain: 3.6 Å end to end is allowed
    [InlineData(StabilityMode.NearestNeighbor, new[] { 1.0, 2.3 }, StabilityViolationKind.TooFar, 2, 1)] // atom 2 flew off
    [InlineData(StabilityMode.NearestNeighbor, new[] { 2.3, 0.5 }, StabilityViolationKind.TooClose, 1, 2)] // too close reported first
    [InlineData(StabilityMode.AllPairs, new[] { 0.75, 1.5 }, null, 0, 0)]               // bounds are inclusive: 0.75 and 2.25 Å
    public void Check_Chain_FirstViolationOrNone(StabilityMode mode, double[] spacings, StabilityViolationKind? kind, int a, int b)
    {
        var checker = new StabilityChecker(mode: mode);

        var violation = checker.Check(Chain(spacings));

        if (kind is null)
        {
            Assert.Null(violation);
        }
        else
        {
            Assert.NotNull(violation);
            Assert.Equal(kind, violation.Kind);
            Assert.Equal((a, b), (violation.AtomA, violation.AtomB));
        }
    }

    [Fact]
    public void Check_PeriodicCell_UsesMinimumImage()
    {
        // Two atoms 9.5 Å apart in a 10 Å cell are 0.5 Å apart through the boundary.
        var s = new AtomicStructure([18, 18], [0.25, 0, 0, 9.75, 0, 0], UnitCell.Orthorhombic(10, 10, 10));

        var violation = new StabilityChecker(0.75, 5).Check(s);

        Assert.NotNull(violation);
        Assert.Equal(StabilityViolationKind.TooClose, violation.Kind);
        Assert.Equal(0.5, violation.Distance, 1e-12);
    }

    [Fact]
    public void Check_SingleAtom_Stable()
    {
        Assert.True(new StabilityChecker().IsStable(new AtomicStructure([1], [0, 0, 0])));
    }

    [Theory]
    [InlineData(-0.1, 2.0)]
    [InlineData(double.NaN, 2.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.0, double.NaN)]
    public void Constructor_EmptyOrInvalidWindow_Throws(double min, double max)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StabilityChecker(min, max));
    }

    [Fact]
    public void Constructor_InfiniteUpperBound_OnlyChecksOverlaps()
    {
        var checker = new StabilityChecker(0.5, double.PositiveInfinity);

        Assert.True(checker.IsStable(Chain([100.0])));
        Assert.False(checker.IsStable(Chain([0.4])));
    }

    private static AtomicStructure Chain(double[] spacings)
    {
        var x = new List<double> { 0 };
        foreach (double d in spacings)
        {
            x.Add(x[^1] + d);
        }

        return new AtomicStructure(Enumerable.Repeat(1, x.Count).ToArray(), x.SelectMany(v => new[] { v, 0, 0 }).ToArray());
    }
}
