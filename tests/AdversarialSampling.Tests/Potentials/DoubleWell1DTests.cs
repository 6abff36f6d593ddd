using AdversarialSampling.Potentials;

namespace AdversarialSampling.Tests.Potentials;

public class DoubleWell1DTests
{
    // method.md §4: deep well −6.53 at x = −1.036, shallow well −3.53 at x = 0.960, barrier +0.056 at x = 0.075.
    [Theory]
    [InlineData(-1.0, -1.036, -6.53, 0.005, true)]
    [InlineData(1.0, 0.960, -3.53, 0.005, true)]
    [InlineData(0.0, 0.075, 0.056, 0.0005, false)]
    public void Derivative_NewtonFromNearby_FindsStatedStationaryPoint(double start, double x, double energy, double energyTolerance, bool isMinimum)
    {
        // The y equation (gradient y) only makes Newton2D usable in one dimension; its curvature is +1.
        var (xs, _, det, _) = PotentialTestKit.Newton2D((a, b) => (DoubleWell1D.Derivative(a), b), start, 0);

        Assert.Equal(x, xs, 0.0005);
        Assert.Equal(energy, DoubleWell1D.Energy(xs), energyTolerance);
        Assert.Equal(isMinimum, det > 0);
    }

    [Fact]
    public void Energy_AtStatedPoints_DeepWellIsLowestBy3eV()
    {
        Assert.Equal(3.0, DoubleWell1D.Energy(0.960) - DoubleWell1D.Energy(-1.036), 0.01);
        Assert.Equal(1.5 * 2, DoubleWell1D.Energy(1) - DoubleWell1D.Energy(-1), 1e-12);
    }

    [Fact]
    public void Compute_YAndZ_CarryNoEnergyAndNoForce()
    {
        var potential = new DoubleWell1D();
        var a = potential.Compute(DoubleWell1D.Particle(0.3));
        var b = potential.Compute(DoubleWell1D.Particle(0.3).WithPositions([0.3, -2.5, 7.1]));

        Assert.Equal(a.Energy, b.Energy);
        Assert.Equal(DoubleWell1D.Energy(0.3), a.Energy);
        Assert.Equal([-DoubleWell1D.Derivative(0.3), 0, 0], b.Forces.ToArray());
    }

    [Fact]
    public void Particle_Always_OneAtomWithYAndZFrozen()
    {
        var p = DoubleWell1D.Particle(-0.4);

        Assert.Equal(1, p.AtomCount);
        Assert.Equal((-0.4, 0.0, 0.0), p.Position(0));
        Assert.Equal([false, true, true], p.FrozenMask());
    }

    [Fact]
    public void InitialTrainingSet_Defaults_Gives66DeepWellPointsOfThe500PointGrid()
    {
        // The reference notebook labels torch.linspace(-1.65, 1.65, steps=500) and keeps E < -5.5.
        var set = DoubleWell1D.InitialTrainingSet();
        var xs = set.Select(s => s.Structure.Position(0).X).ToArray();
        double step = 3.3 / 499;

        Assert.Equal(66, set.Count);
        Assert.All(set, s => Assert.True(s.Energy < -5.5));
        Assert.All(xs, x => Assert.InRange(x, -1.23, -0.79));
        Assert.All(xs.Zip(xs.Skip(1)), p => Assert.Equal(step, p.Second - p.First, 1e-12));
        Assert.All(xs, x => Assert.Equal(0, (x + 1.65) / step - Math.Round((x + 1.65) / step), 1e-9));
        Assert.All(set, s => Assert.Equal(DoubleWell1D.Energy(s.Structure.Position(0).X), s.Energy));
        Assert.All(set, s => Assert.Equal(-DoubleWell1D.Derivative(s.Structure.Position(0).X), s.Forces[0]));
        Assert.All(set, s => Assert.Equal("DoubleWell1D", s.GetMetadata("oracle", "")));
    }

    [Fact]
    public void InitialTrainingSet_FinerGrid_KeepsProportionallyMorePoints()
    {
        var set = DoubleWell1D.InitialTrainingSet(gridPoints: 4991);

        Assert.InRange(set.Count, 655, 665);
    }
}
