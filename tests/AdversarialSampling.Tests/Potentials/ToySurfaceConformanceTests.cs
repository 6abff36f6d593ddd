using AdversarialSampling.Potentials;

namespace AdversarialSampling.Tests.Potentials;

/// <summary>Gradient consistency of every toy surface at seeded random points of its region of interest.</summary>
public class ToySurfaceConformanceTests
{
    public static TheoryData<string, int> Cases() => PotentialTestKit.Cross(["DoubleWell1D", "DoubleWell2D", "MullerBrown"], [11, 12, 13]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_RandomPoints_ForcesAreNegativeGradient(string name, int seed)
    {
        // (surface, x range, y range); z is random too and must carry no energy.
        var (potential, x0, x1, y0, y1) = name switch
        {
            "DoubleWell1D" => ((ToySurface)new DoubleWell1D(), -1.65, 1.65, -2.0, 2.0),
            "DoubleWell2D" => (new DoubleWell2D(), -1.2, 1.2, -1.2, 1.2),
            "MullerBrown" => (new MullerBrown(), -1.7, 1.0, -0.3, 2.0),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var rng = new Random(seed);
        for (int i = 0; i < 5; i++)
        {
            double x = x0 + (x1 - x0) * rng.NextDouble(), y = y0 + (y1 - y0) * rng.NextDouble();
            var particle = DoubleWell2D.Particle(0, 0).WithPositions([x, y, 4 * rng.NextDouble() - 2]);
            PotentialTestKit.AssertForcesAreNegativeGradient(potential, particle);
            Assert.Equal(0, potential.Compute(particle).Forces[2]);
        }
    }
}
