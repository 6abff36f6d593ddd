using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Potentials;

public class MorseTests
{
    [Fact]
    public void Compute_DimerScan_MinimumMinusDepthAtEquilibriumDistance()
    {
        var morse = new Morse(0.35, 1.6, 2.9, cutoff: double.PositiveInfinity);

        double r = PotentialTestKit.Bisect(d => morse.Compute(Dimer(d)).Forces[5], 2.0, 4.0);

        Assert.Equal(2.9, r, 1e-10);
        Assert.Equal(-0.35, morse.Compute(Dimer(2.9)).Energy, 1e-15);
        Assert.Equal(0, morse.Compute(Dimer(2.9 - Math.Log(2) / 1.6)).Energy, 1e-15);
    }

    [Fact]
    public void Compute_EquilateralTrimerAtR0_ThreeBondsOfDepth()
    {
        var morse = new Morse(0.35, 1.6, 2.9, cutoff: 10, shiftToZero: false);
        double h = 2.9 * Math.Sqrt(3) / 2;
        var trimer = new AtomicStructure([29, 29, 29], [0, 0, 0, 2.9, 0, 0, 1.45, h, 0]);

        var result = morse.Compute(trimer);

        Assert.Equal(-1.05, result.Energy, 1e-14);
        Assert.All(result.Forces, f => Assert.Equal(0, f, 1e-14));
    }

    [Fact]
    public void Compute_CoincidentAtoms_NonFiniteForces()
    {
        var result = new Morse(0.35, 1.6, 2.9, cutoff: 6).Compute(Dimer(0));

        Assert.False(result.IsFinite);
    }

    [Theory]
    [InlineData(0, 1, 1, "depth")]
    [InlineData(1, -1, 1, "stiffness")]
    [InlineData(1, 1, double.NaN, "equilibriumDistance")]
    public void Constructor_InvalidParameter_ThrowsNamingIt(double depth, double stiffness, double r0, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Morse(depth, stiffness, r0, cutoff: 5));

        Assert.Equal(parameter, e.ParamName);
    }

    private static AtomicStructure Dimer(double r) => new([29, 29], [0, 0, 0, 0, 0, r]);
}
