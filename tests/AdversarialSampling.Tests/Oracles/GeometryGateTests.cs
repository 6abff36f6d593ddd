using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Oracles;

public sealed class GeometryGateTests
{
    [Fact]
    public void Check_OneAtomToyStructure_Passes()
    {
        Assert.Null(new GeometryGate().Check(new AtomicStructure([1], [0.3, -1.2, 0])));
    }

    [Fact]
    public void Check_EquilibriumAmmonia_Passes()
    {
        var nh3 = new AtomicStructure([7, 1, 1, 1], [0, 0, 0.1163, 0, 0.9399, -0.2713, 0.814, -0.47, -0.2713, -0.814, -0.47, -0.2713]);

        Assert.Null(new GeometryGate().Check(nh3));
    }

    [Fact]
    public void Check_HydrogenTooCloseToNitrogen_RejectedNamingPairAndDistance()
    {
        var bad = new AtomicStructure([7, 1, 1], [0, 0, 0, 0.1, 0, 0, 0, 1.0, 0]);

        var failure = new GeometryGate().Check(bad);

        Assert.NotNull(failure);
        Assert.Equal(OracleFailureKind.GeometryRejected, failure.Kind);
        Assert.Contains("atoms 0 (N) and 1 (H) are 0.1 Å apart", failure.Message, StringComparison.Ordinal);
        Assert.Contains("0.51 Å", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SeveralClosePairs_NamesTheWorstRelativeToItsLimit()
    {
        var bad = new AtomicStructure([1, 1, 8, 8], [0, 0, 0, 0.25, 0, 0, 5, 0, 0, 5.3, 0, 0]);

        var failure = new GeometryGate().Check(bad);

        Assert.Contains("atoms 2 (O) and 3 (O)", failure!.Message, StringComparison.Ordinal); // 0.3/0.66 < 0.25/0.31
    }

    [Fact]
    public void Check_AbsoluteMinimumAboveCovalentLimit_Applies()
    {
        var h2 = new AtomicStructure([1, 1], [0, 0, 0, 0.74, 0, 0]);

        Assert.Null(new GeometryGate().Check(h2));
        Assert.Equal(OracleFailureKind.GeometryRejected, new GeometryGate { MinimumDistance = 0.8 }.Check(h2)!.Kind);
    }

    [Fact]
    public void Check_AtomsCloseThroughPeriodicBoundary_Rejected()
    {
        var periodic = new AtomicStructure([6, 6], [0.05, 0, 0, 9.95, 0, 0], UnitCell.Orthorhombic(10, 10, 10));
        var open = periodic.WithCell(null);

        Assert.NotNull(new GeometryGate().Check(periodic));
        Assert.Null(new GeometryGate().Check(open));
    }

    [Fact]
    public void Check_NoAtoms_Rejected()
    {
        Assert.Contains("no atoms", new GeometryGate().Check(new AtomicStructure([], []))!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void CovalentFactor_Invalid_Throws(double factor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeometryGate { CovalentFactor = factor });
    }
}
