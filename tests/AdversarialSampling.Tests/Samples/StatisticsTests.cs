using AdversarialSampling.Samples.DoubleWell;

namespace AdversarialSampling.Tests.Samples;

public class StatisticsTests
{
    [Fact]
    public void Quartiles_FourValues_MatchNumpyLinearInterpolation()
    {
        // np.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25]
        Assert.Equal((1.75, 3.25), Statistics.Quartiles([4.0, 1, 3, 2]));
        Assert.Equal(2.5, Statistics.Median([4.0, 1, 3, 2]));
    }

    [Fact]
    public void Median_NonFiniteValues_AreIgnored()
        => Assert.Equal(2.0, Statistics.Median([1.0, double.NaN, 2, 3, double.PositiveInfinity]));

    [Fact]
    public void Median_NoFiniteValue_IsNaN()
        => Assert.True(double.IsNaN(Statistics.Median([double.NaN])));
}
