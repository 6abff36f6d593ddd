using AdversarialSampling.Potentials;
using AdversarialSampling.Samples.DoubleWell;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Samples;

public class LabelStatisticsTests
{
    private static LabelledSample Label(double x, double y)
    {
        var particle = DoubleWell2D.Particle(x, y);
        var result = new DoubleWell2D().Compute(particle);
        return new LabelledSample(particle, result.Energy, result.Forces);
    }

    [Theory]
    [InlineData(0.6505, 0.0, true)]
    [InlineData(0.4, 0.3, true)]
    [InlineData(-0.7526, 0.0, false)]
    [InlineData(0.05, 0.0, false)]
    [InlineData(0.65, 1.1, false)]
    [InlineData(1.2, 0.0, false)]
    public void IsInRightBasin_PointsAroundTheShallowWell_AreClassifiedBySideAndEnergy(double x, double y, bool expected)
        => Assert.Equal(expected, LabelStatistics.IsInRightBasin(x, y));

    [Fact]
    public void SaddleConstants_AreTheSaddleOfTheSurface()
    {
        var (dx, _) = DoubleWell2D.Gradient(LabelStatistics.SaddleX, 0);
        Assert.Equal(0, dx, 12);
        Assert.Equal(LabelStatistics.SaddleEnergy, DoubleWell2D.Energy(LabelStatistics.SaddleX, 0), 12);
    }

    [Fact]
    public void Of_Labels_CountsMeanAndMaxEnergyRightBasinAndOutsideBox()
    {
        var labels = new[] { Label(-0.75, 0), Label(0.65, 0), Label(1.5, 0), Label(0.6, -1.3) };
        var stats = LabelStatistics.Of(labels);
        var energies = labels.Select(l => DoubleWell2D.Energy(l.Structure.Positions[0], l.Structure.Positions[1])).ToArray();
        Assert.Equal(4, stats.Count);
        Assert.Equal(energies.Average(), stats.MeanEnergy, 12);
        Assert.Equal(energies.Max(), stats.MaxEnergy, 12);
        Assert.Equal(1, stats.InRightBasin);
        Assert.Equal(2, stats.OutsideBox);
    }

    [Fact]
    public void Of_NoLabels_IsNoneWithNaNEnergies()
    {
        var stats = LabelStatistics.Of([]);
        Assert.Same(LabelStatistics.None, stats);
        Assert.True(double.IsNaN(stats.MeanEnergy));
    }
}
