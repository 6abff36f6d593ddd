using AdversarialSampling.Selection;

namespace AdversarialSampling.Tests.Selection;

public class PercentileTests
{
    private static readonly double[] Values = [0.3, 1.7, 0.05, 2.2, 0.9, 4.1, 0.6, 1.1, 3.3, 0.2];

    // Expected values from numpy 1.24.2: np.percentile(Values, p) (default linear interpolation).
    [Theory]
    [InlineData(0, 0.05)]
    [InlineData(25, 0.375)]
    [InlineData(37.5, 0.7125)]
    [InlineData(50, 1.0)]
    [InlineData(80, 2.4200000000000004)]
    [InlineData(90, 3.3799999999999994)]
    [InlineData(100, 4.1)]
    public void Linear_FixedArray_MatchesNumpy(double percent, double numpy)
        => Assert.Equal(numpy, Percentile.Linear(Values, percent), 12);

    [Fact]
    public void Linear_NonFiniteValue_ThrowsNamingIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() => Percentile.Linear([1.0, double.NaN], 80));
        Assert.Contains("Value 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void Linear_PercentOutOfRange_Throws(double percent)
        => Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Linear(Values, percent));

    [Fact]
    public void Linear_NoValues_Throws()
        => Assert.Throws<ArgumentException>(() => Percentile.Linear([], 80));
}
