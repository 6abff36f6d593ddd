using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Potentials;

public class LennardJonesTests
{
    [Fact]
    public void Compute_DimerScan_MinimumMinusEpsilonAtTwoToTheSixthSigma()
    {
        var lj = new LennardJones(0.0104, 3.4, cutoff: double.PositiveInfinity);

        // Bisection on the analytic bond force: F_z on atom 1 changes sign at the minimum.
        double r = PotentialTestKit.Bisect(d => lj.Compute(Dimer(d)).Forces[5], 3.0, 5.0);

        Assert.Equal(Math.Pow(2, 1.0 / 6) * 3.4, r, 1e-10);
        Assert.Equal(-0.0104, lj.Compute(Dimer(r)).Energy, 1e-14);
        Assert.Equal(0, lj.Compute(Dimer(3.4)).Energy, 1e-15);
    }

    [Fact]
    public void Compute_Icosahedral13Cluster_ReachesKnownGlobalMinimum()
    {
        // LJ13 global minimum: −44.326801 ε (Wales & Doye 1997). The centred icosahedron keeps its symmetry
        // under relaxation, so a root of the radial force on one vertex (bisection) is the relaxed cluster.
        var lj = new LennardJones(1, 1, cutoff: double.PositiveInfinity);
        double radius = PotentialTestKit.Bisect(
            r =>
            {
                var s = Icosahedron(r);
                var f = lj.Compute(s).Forces;
                return f[3] * s.Positions[3] + f[4] * s.Positions[4] + f[5] * s.Positions[5];
            },
            0.9,
            1.3);

        var minimum = lj.Compute(Icosahedron(radius));
        Assert.Equal(-44.326801, minimum.Energy, 1e-6);
        Assert.All(minimum.Forces, f => Assert.Equal(0, f, 1e-10));
    }

    [Fact]
    public void Compute_CoincidentAtoms_NonFiniteResult()
    {
        var result = new LennardJones(1, 1).Compute(Dimer(0));

        Assert.False(result.IsFinite);
    }

    [Fact]
    public void Constructor_DefaultCutoff_Is2Point5SigmaAndShifted()
    {
        var lj = new LennardJones(0.0104, 3.4);

        Assert.Equal(8.5, lj.Cutoff, 1e-12);
        Assert.True(lj.ShiftToZero);
        double rc = 8.5;
        double expectedShift = 4 * 0.0104 * (Math.Pow(3.4 / rc, 12) - Math.Pow(3.4 / rc, 6));
        Assert.Equal(expectedShift, lj.EnergyShift, 1e-16);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(1, 0)]
    [InlineData(1, double.PositiveInfinity)]
    public void Constructor_InvalidParameter_ThrowsNamingIt(double epsilon, double sigma)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LennardJones(epsilon, sigma, cutoff: 3));

        Assert.Equal(epsilon is > 0 and < double.PositiveInfinity ? "sigma" : "epsilon", e.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(double.NaN)]
    public void Constructor_InvalidCutoff_Throws(double cutoff)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LennardJones(1, 1, cutoff));

        Assert.Equal("cutoff", e.ParamName);
    }

    private static AtomicStructure Dimer(double r) => new([18, 18], [0, 0, 0, 0, 0, r]);

    private static AtomicStructure Icosahedron(double radius)
    {
        double phi = (1 + Math.Sqrt(5)) / 2;
        double norm = radius / Math.Sqrt(1 + phi * phi);
        var p = new List<double> { 0, 0, 0 };
        foreach (double s1 in new[] { -1.0, 1.0 })
        {
            foreach (double s2 in new[] { -1.0, 1.0 })
            {
                p.AddRange([0, s1 * norm, s2 * phi * norm]);
                p.AddRange([s1 * norm, s2 * phi * norm, 0]);
                p.AddRange([s2 * phi * norm, 0, s1 * norm]);
            }
        }

        return new AtomicStructure(Enumerable.Repeat(18, 13).ToArray(), p);
    }
}
