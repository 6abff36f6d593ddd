using System.Globalization;
using AdversarialSampling.Optimization;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.TestSupport;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Optimization;

public class NudgedElasticBandTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_DoubleWell2D_ClimbingImageFindsTheSaddle()
    {
        // Deep well (−0.7526, 0), shallow well (0.6505, 0), saddle +0.101 at (0.1021, 0). The endpoints are given
        // roughly and relaxed first; the starting path bows out to y = 0.4 so the band has to relax sideways too.
        var neb = new NudgedElasticBand(new NebOptions
        {
            SpringConstant = 1,
            Band = new FireOptions { ForceTolerance = 1e-4, MaxSteps = 3000 },
            EndpointOptimizer = new LbfgsOptimizer(new LbfgsOptions { ForceTolerance = 1e-6 }),
        });
        var path = new AtomicStructure?[7];
        path[0] = DoubleWell2D.Particle(-0.7, 0.05);
        path[^1] = DoubleWell2D.Particle(0.6, -0.05);
        for (int i = 1; i < 6; i++)
        {
            double t = i / 6.0;
            path[i] = DoubleWell2D.Particle(-0.75 + t * 1.4, 0.4 * Math.Sin(Math.PI * t));
        }

        var result = neb.Run(new DoubleWell2D(), path);

        Report(result);
        Assert.True(result.Converged, result.ToString());
        Assert.True(result.Climbing);
        Assert.Equal(0.1021, result.Saddle.Positions[0], 1e-3);
        Assert.Equal(0, result.Saddle.Positions[1], 2e-2); // 4y⁴ is flat: f_max 1e-4 eV/Å bounds |y| by 0.02 Å
        Assert.Equal(DoubleWell2D.Energy(0.10206, 0), result.SaddleEnergy, 1e-3);
        Assert.Equal(result.SaddleEnergy - result.Energies[0], result.Barrier);
        Assert.Equal(-3.961, result.Energies[0], 1e-3);
        Assert.Equal(-1.140, result.Energies[^1], 1e-3);
        Assert.True(result.InitialRelaxation!.Converged && result.FinalRelaxation!.Converged);
        Assert.All(result.Images, s => Assert.Equal(0, s.Positions[2]));
    }

    [Theory]
    [InlineData(-0.558, 1.442, -0.050, 0.467, -0.822, 0.624, -40.66)]
    [InlineData(-0.050, 0.467, 0.623, 0.028, 0.212, 0.293, -72.25)]
    public void Run_MullerBrown_FindsTheKnownSaddles(double x0, double y0, double x1, double y1, double sx, double sy, double energy)
    {
        var neb = new NudgedElasticBand(new NebOptions
        {
            Images = 7,
            SpringConstant = 20,
            Band = new FireOptions { ForceTolerance = 1e-2, MaxSteps = 3000, MaxStep = 0.05 },
            EndpointOptimizer = new LbfgsOptimizer(new LbfgsOptions { ForceTolerance = 1e-6, InitialCurvature = 500, MaxStep = 0.05 }),
        });

        var result = neb.Run(new MullerBrown(), MullerBrown.Particle(x0, y0), MullerBrown.Particle(x1, y1));

        Report(result);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(sx, result.Saddle.Positions[0], 2e-3);
        Assert.Equal(sy, result.Saddle.Positions[1], 2e-3);
        Assert.Equal(energy, result.SaddleEnergy, 1e-2);
    }

    [Fact]
    public void Run_WithoutClimbing_HighestImageIsBelowTheSaddle()
    {
        // Without the climbing image the band relaxes onto the path, evenly spaced, and its highest image (none on
        // the saddle with 3 images) lies below the true barrier.
        var neb = new NudgedElasticBand(new NebOptions { ClimbingImage = false, SpringConstant = 1, Band = new FireOptions { ForceTolerance = 1e-3, MaxSteps = 2000 } });
        AtomicStructure?[] path = [DoubleWell2D.Particle(-0.7526, 0), DoubleWell2D.Particle(-0.4, 0.3), DoubleWell2D.Particle(-0.05, 0.3), DoubleWell2D.Particle(0.3, 0.3), DoubleWell2D.Particle(0.6505, 0)];

        var result = neb.Run(new DoubleWell2D(), path);

        Report(result);
        Assert.True(result.Converged, result.ToString());
        Assert.True(result.Steps > 10);
        Assert.False(result.Climbing);
        Assert.True(result.SaddleEnergy < DoubleWell2D.Energy(0.1021, 0) - 0.05, result.ToString());
        Assert.Equal(5, result.Images.Length);
        Assert.Equal(2 + (result.Steps + 1) * 3, result.Evaluations);
    }

    [Fact]
    public void Interpolate_LinearBandWithEndpoints()
    {
        var a = new AtomicStructure([18, 18], [0, 0, 0, 0, 0, 4]);
        var b = new AtomicStructure([18, 18], [0, 0, 0, 0, 0, 6]);

        var band = NudgedElasticBand.Interpolate(a, b, 3);

        Assert.Equal(5, band.Length);
        Assert.Same(a, band[0]);
        Assert.Same(b, band[^1]);
        Assert.Equal([4.0, 4.5, 5.0, 5.5, 6.0], band.Select(s => s.Positions[5]));
    }

    [Fact]
    public void Run_DifferentSpecies_Throws()
    {
        var a = new AtomicStructure([18, 18], [0, 0, 0, 0, 0, 4]);
        var b = new AtomicStructure([18, 10], [0, 0, 0, 0, 0, 6]);

        Assert.Throws<ArgumentException>(() => new NudgedElasticBand().Run(Clusters.Argon(), a, b));
    }

    [Fact]
    public void Run_DifferentFrozenComponents_Throws()
    {
        var a = new AtomicStructure([18, 18], [0, 0, 0, 0, 0, 4]);
        var b = a.WithConstraints(new StructureConstraints([0]));

        Assert.Throws<ArgumentException>(() => new NudgedElasticBand().Run(Clusters.Argon(), a, b));
    }

    [Fact]
    public void Run_TooShortPath_Throws()
    {
        var a = Clusters.Dimer(4);

        Assert.Throws<ArgumentException>(() => new NudgedElasticBand().Run(Clusters.Argon(), [a, a]));
    }

    [Theory]
    [InlineData(0, 0.1, 50)]
    [InlineData(3, 0, 50)]
    [InlineData(3, 0.1, -1)]
    public void Constructor_InvalidOptions_Throw(int images, double spring, int climbAfter)
    {
        Assert.Throws<ArgumentException>(() => new NudgedElasticBand(new NebOptions { Images = images, SpringConstant = spring, ClimbAfterSteps = climbAfter }));
    }

    private void Report(NebResult result)
    {
        output.WriteLine(result.ToString());
        for (int i = 0; i < result.Images.Length; i++)
        {
            var p = result.Images[i].Positions;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  image {i}: ({p[0]:F4}, {p[1]:F4}) E = {result.Energies[i]:F4}"));
        }
    }
}
