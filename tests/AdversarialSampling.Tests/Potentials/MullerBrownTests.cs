using AdversarialSampling.Potentials;

namespace AdversarialSampling.Tests.Potentials;

public class MullerBrownTests
{
    // Standard Müller–Brown stationary points (to the stated precision). The saddle energies pair as
    // −40.66 at (−0.822, 0.624) and −72.25 at (0.212, 0.293).
    [Theory]
    [InlineData(-0.55, 1.45, -0.558, 1.442, -146.70, true)]
    [InlineData(0.62, 0.03, 0.623, 0.028, -108.17, true)]
    [InlineData(-0.05, 0.47, -0.050, 0.467, -80.77, true)]
    [InlineData(-0.82, 0.62, -0.822, 0.624, -40.66, false)]
    [InlineData(0.21, 0.29, 0.212, 0.293, -72.25, false)]
    public void Gradient_NewtonFromNearby_FindsStatedStationaryPoint(double x0, double y0, double x, double y, double energy, bool isMinimum)
    {
        var (xs, ys, det, trace) = PotentialTestKit.Newton2D(MullerBrown.Gradient, x0, y0);

        Assert.Equal(x, xs, 0.001);
        Assert.Equal(y, ys, 0.001);
        Assert.Equal(energy, MullerBrown.Energy(xs, ys), 0.005);
        Assert.Equal(isMinimum, det > 0 && trace > 0);
        Assert.Equal(!isMinimum, det < 0);
    }

    [Fact]
    public void Compute_Particle_MatchesPureFunctionsAndZIsFree()
    {
        var potential = new MullerBrown();
        var result = potential.Compute(MullerBrown.Particle(-0.3, 0.9).WithPositions([-0.3, 0.9, 12]));
        var (dx, dy) = MullerBrown.Gradient(-0.3, 0.9);

        Assert.Equal(MullerBrown.Energy(-0.3, 0.9), result.Energy);
        Assert.Equal([-dx, -dy, 0], result.Forces.ToArray());
        Assert.Equal([false, false, true], MullerBrown.Particle(1, 2).FrozenMask());
    }
}
