using AdversarialSampling.Potentials;

namespace AdversarialSampling.Tests.Potentials;

public class DoubleWell2DTests
{
    // method.md §4: deep well −3.96 at (−0.753, 0); shallow well −1.14 at (0.651, 0); saddle +0.10 at (0.102, 0).
    // The shallow well is at x = 0.6505 (0.650488), so its x is checked to one unit of the stated last digit.
    [Theory]
    [InlineData(-0.7, 0.1, -0.753, -3.96, true)]
    [InlineData(0.6, -0.1, 0.651, -1.14, true)]
    [InlineData(0.1, 0.0, 0.102, 0.10, false)]
    public void Gradient_NewtonFromNearby_FindsStatedStationaryPoint(double x0, double y0, double x, double energy, bool isMinimum)
    {
        // 4y⁴ has a degenerate (quartic) minimum at y = 0: Newton converges linearly in y, hence the loose y check.
        var (xs, ys, det, _) = PotentialTestKit.Newton2D(DoubleWell2D.Gradient, x0, y0);

        Assert.Equal(x, xs, 0.001);
        Assert.Equal(0, ys, 0.001);
        Assert.Equal(energy, DoubleWell2D.Energy(xs, ys), 0.005);
        var (hxx, _) = DoubleWell2D.Gradient(xs + 1e-4, ys);
        Assert.Equal(isMinimum, hxx > 0);
        Assert.True(det >= -1e-9, "y curvature is never negative");
    }

    [Fact]
    public void Compute_Z_CarriesNoEnergyAndNoForce()
    {
        var potential = new DoubleWell2D();
        var a = potential.Compute(DoubleWell2D.Particle(0.3, -0.2));
        var b = potential.Compute(DoubleWell2D.Particle(0.3, -0.2).WithPositions([0.3, -0.2, -4]));
        var (dx, dy) = DoubleWell2D.Gradient(0.3, -0.2);

        Assert.Equal(a.Energy, b.Energy);
        Assert.Equal(DoubleWell2D.Energy(0.3, -0.2), a.Energy);
        Assert.Equal([-dx, -dy, 0], b.Forces.ToArray());
    }

    [Fact]
    public void Particle_Always_OneAtomWithZFrozen()
    {
        var p = DoubleWell2D.Particle(0.5, -0.25);

        Assert.Equal(1, p.AtomCount);
        Assert.Equal((0.5, -0.25, 0.0), p.Position(0));
        Assert.Equal([false, false, true], p.FrozenMask());
    }

    [Fact]
    public void InitialTrainingSet_Defaults_KeepsAbout125LeftBasinPoints()
    {
        // The E < −2 region covers 15.5% of [−1.2, 1.2]² (fine-grid integration): 124.3 ± 10.2 of 800 draws.
        var set = DoubleWell2D.InitialTrainingSet();

        Assert.Equal(116, set.Count);
        Assert.InRange(set.Count, 94, 155);
        Assert.All(set, s => Assert.True(s.Energy < -2));
        Assert.All(set, s => Assert.InRange(s.Structure.Position(0).X, -1.2, 0));
        Assert.All(set, s => Assert.InRange(s.Structure.Position(0).Y, -1.2, 1.2));
        Assert.All(set, s => Assert.Equal([false, false, true], s.Structure.FrozenMask()));
    }

    [Fact]
    public void InitialTrainingSet_SameSeed_SameSetAndOtherSeedDiffers()
    {
        var a = DoubleWell2D.InitialTrainingSet(seed: 5);
        var b = DoubleWell2D.InitialTrainingSet(seed: 5);
        var c = DoubleWell2D.InitialTrainingSet(seed: 6);

        Assert.Equal(a.Select(s => s.Structure.Positions.ToArray()), b.Select(s => s.Structure.Positions.ToArray()));
        Assert.NotEqual(a.Select(s => s.Energy), c.Select(s => s.Energy));
    }

    [Fact]
    public void InitialTrainingSet_FullBoxThreshold_KeepsEveryDrawnPointInTheBox()
    {
        var set = DoubleWell2D.InitialTrainingSet(points: 200, maxEnergy: double.PositiveInfinity, seed: 3);

        Assert.Equal(200, set.Count);
        Assert.All(set, s => Assert.InRange(s.Structure.Position(0).X, -1.2, 1.2));
        Assert.Contains(set, s => s.Structure.Position(0).X > 0.9);
        Assert.Contains(set, s => s.Structure.Position(0).Y < -0.9);
    }
}
