using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Tests.Uncertainty;

public class UncertaintyThresholdTests
{
    [Fact]
    public void EnsureUnit_WrongUnit_ThrowsNamingBothUnits()
    {
        var threshold = UncertaintyThreshold.EnergyVariance(0.01);
        var ex = Assert.Throws<ArgumentException>(() => threshold.EnsureUnit(UncertaintyUnit.ForceVariance, "ForceVariance"));
        Assert.Contains("eV² (energy variance)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("eV²/Å² (force variance)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ForceVariance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureUnit_MatchingUnit_DoesNotThrow()
    {
        var threshold = new ForceVariance().Threshold(0.05);
        Assert.Equal(UncertaintyThreshold.ForceVariance(0.05), threshold);
        threshold.EnsureUnit(UncertaintyUnit.ForceVariance);
        Assert.Equal("0.05 eV²/Å²", threshold.ToString());
    }

    [Fact]
    public void EnsureUnit_NaNValue_Throws()
        => Assert.Throws<ArgumentException>(() => UncertaintyThreshold.EnergyPerAtomVariance(double.NaN).EnsureUnit(UncertaintyUnit.EnergyPerAtomVariance));

    [Theory]
    [InlineData(UncertaintyUnit.ForceVariance, "eV²/Å²")]
    [InlineData(UncertaintyUnit.EnergyVariance, "eV²")]
    [InlineData(UncertaintyUnit.EnergyPerAtomVariance, "(eV/atom)²")]
    public void Symbol_EachUnit_IsTheWrittenUnit(UncertaintyUnit unit, string symbol)
        => Assert.Equal(symbol, unit.Symbol());
}
