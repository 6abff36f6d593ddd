using AdversarialSampling.Oracles;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Potentials;

/// <summary>Every analytic potential as an <see cref="IOracle"/>: successes, identities and typed failures.</summary>
public class AnalyticPotentialOracleTests
{
    public static TheoryData<string> Names() => ["DoubleWell1D", "DoubleWell2D", "MullerBrown", "LennardJones", "Morse"];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task LabelAsync_ValidStructure_SampleCarriesComputeResultAndOracleMetadata(string name)
    {
        var (potential, structure) = Setup(name);
        var expected = potential.Compute(structure);

        var outcome = await potential.LabelAsync(structure);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Same(structure, outcome.Sample.Structure);
        Assert.Equal(expected.Energy, outcome.Sample.Energy);
        Assert.Equal(expected.Forces.ToArray(), outcome.Sample.Forces.ToArray());
        Assert.Equal(name, outcome.Sample.GetMetadata("oracle", ""));
        Assert.Equal("1", outcome.Sample.GetMetadata("oracle_version", ""));
        Assert.Equal(potential.Name, potential.Identity.Name);
        Assert.Equal("1", potential.Identity.Version);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task LabelAsync_CancelledToken_CancelledFailure(string name)
    {
        var (potential, structure) = Setup(name);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var outcome = await potential.LabelAsync(structure, cts.Token);

        Assert.False(outcome.IsSuccess);
        Assert.Equal(OracleFailureKind.Cancelled, outcome.Failure.Kind);
    }

    [Theory]
    [InlineData("DoubleWell1D")]
    [InlineData("DoubleWell2D")]
    [InlineData("MullerBrown")]
    public async Task LabelAsync_ToySurfaceWithTwoAtoms_GeometryRejectedNamingTheProblem(string name)
    {
        var (potential, _) = Setup(name);
        var two = new AtomicStructure([1, 1], [0, 0, 0, 1, 0, 0]);

        var outcome = await potential.LabelAsync(two);

        Assert.Equal(OracleFailureKind.GeometryRejected, outcome.Failure?.Kind);
        Assert.Contains("exactly one atom; found 2", outcome.Failure!.Message, StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => potential.Compute(two));
        Assert.Equal("structure", e.ParamName);
    }

    [Theory]
    [InlineData("DoubleWell1D")]
    [InlineData("DoubleWell2D")]
    [InlineData("MullerBrown")]
    public async Task LabelAsync_CoordinateFarOutside_UnphysicalResult(string name)
    {
        var (potential, _) = Setup(name);

        var outcome = await potential.LabelAsync(new AtomicStructure([1], [-1e100, 1e100, 0]));

        Assert.Equal(OracleFailureKind.UnphysicalResult, outcome.Failure?.Kind);
        Assert.Contains("non-finite", outcome.Failure!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LennardJones")]
    [InlineData("Morse")]
    public async Task LabelAsync_OverlappingAtoms_UnphysicalResult(string name)
    {
        var (potential, _) = Setup(name);

        var outcome = await potential.LabelAsync(new AtomicStructure([18, 18, 18], [0, 0, 0, 0, 0, 0, 3, 0, 0]));

        Assert.Equal(OracleFailureKind.UnphysicalResult, outcome.Failure?.Kind);
    }

    [Theory]
    [InlineData("LennardJones")]
    [InlineData("Morse")]
    public async Task LabelAsync_CellTooSmallForCutoff_GeometryRejected(string name)
    {
        var (potential, structure) = Setup(name);

        var outcome = await potential.LabelAsync(structure.WithCell(UnitCell.Orthorhombic(5, 50, 50)));

        Assert.Equal(OracleFailureKind.GeometryRejected, outcome.Failure?.Kind);
        Assert.Contains("cutoff", outcome.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_NullStructure_ThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => new DoubleWell2D().LabelAsync(null!));
    }

    [Fact]
    public void Identity_PairPotentials_ListEveryParameterInvariantly()
    {
        var lj = new LennardJones(0.0104, 3.4);
        var morse = new Morse(0.35, 1.6, 2.9, cutoff: 7, shiftToZero: false);

        Assert.Equal("LennardJones|1|cutoff=8.5;epsilon=0.0104;shift=true;sigma=3.4", lj.Identity.ToCanonicalString());
        Assert.Equal("Morse|1|cutoff=7;depth=0.35;r0=2.9;shift=false;stiffness=1.6", morse.Identity.ToCanonicalString());
        Assert.NotEqual(lj.Identity.ToCanonicalString(), new LennardJones(0.0104, 3.4, shiftToZero: false).Identity.ToCanonicalString());
    }

    [Fact]
    public void Identity_ToySurfaces_NameTheirFormula()
    {
        Assert.Equal("DoubleWell1D|1|formula=5x^4-10x^2+1.5x", new DoubleWell1D().Identity.ToCanonicalString());
        Assert.Equal("DoubleWell2D|1|formula=10x^4-10x^2+2x+4y^4", new DoubleWell2D().Identity.ToCanonicalString());
        Assert.StartsWith("MullerBrown|1|", new MullerBrown().Identity.ToCanonicalString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckSetupAsync_AnalyticPotential_NoProblem()
    {
        IOracle oracle = new LennardJones(1, 1);

        Assert.Null(await oracle.CheckSetupAsync());
    }

    private static (AnalyticPotential Potential, AtomicStructure Structure) Setup(string name) => name switch
    {
        "DoubleWell1D" => (new DoubleWell1D(), DoubleWell1D.Particle(-0.9)),
        "DoubleWell2D" => (new DoubleWell2D(), DoubleWell2D.Particle(-0.6, 0.2)),
        "MullerBrown" => (new MullerBrown(), MullerBrown.Particle(-0.5, 1.2)),
        "LennardJones" => (new LennardJones(1, 1), PotentialTestKit.RandomStructure(13, 1.9, 0.9, 1)),
        "Morse" => (new Morse(0.7, 1.4, 2.5, cutoff: 5.5), PotentialTestKit.RandomStructure(13, 4.75, 2.25, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
