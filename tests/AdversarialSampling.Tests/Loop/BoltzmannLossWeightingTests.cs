using AdversarialSampling.Loop;

namespace AdversarialSampling.Tests.Loop;

public class BoltzmannLossWeightingTests
{
    [Theory]
    [InlineData(-4.0, -4.0, 1.0, 0.0, 1.0)] // at the initial minimum
    [InlineData(-5.0, -4.0, 1.0, 0.0, 1.0)] // below it: never more than 1
    [InlineData(-2.0, -4.0, 1.0, 0.0, 0.1353352832366127)] // 2 kT above: e^-2
    [InlineData(6.0, -4.0, 5.0, 0.0, 0.1353352832366127)] // the same at kT = 5
    [InlineData(96.0, -4.0, 5.0, 0.01, 0.01)] // far above: the floor
    [InlineData(96.0, -4.0, 5.0, 0.0, 2.061153622438558e-09)] // no floor
    public void WeightOf_Energy_IsTheClampedBoltzmannFactor(double energy, double minimum, double kT, double floor, double expected)
        => Assert.Equal(expected, new BoltzmannLossWeighting { ThermalEnergy = kT, MinimumWeight = floor }.WeightOf(energy, minimum), 12);

    [Fact]
    public void MinimumWeight_Default_IsOnePercent()
        => Assert.Equal(0.01, new BoltzmannLossWeighting { ThermalEnergy = 1 }.MinimumWeight);

    [Theory]
    [InlineData(0.0, 0.01, "Retraining.LossWeighting.ThermalEnergy must be positive and finite (eV); found 0.")]
    [InlineData(double.PositiveInfinity, 0.01, "Retraining.LossWeighting.ThermalEnergy must be positive and finite (eV); found Infinity.")]
    [InlineData(1.0, -0.5, "Retraining.LossWeighting.MinimumWeight must be in [0, 1]; found -0.5.")]
    [InlineData(1.0, 1.5, "Retraining.LossWeighting.MinimumWeight must be in [0, 1]; found 1.5.")]
    public void Validate_BadSetting_NamesIt(double kT, double floor, string message)
        => Assert.Equal(message, Assert.Single(new BoltzmannLossWeighting { ThermalEnergy = kT, MinimumWeight = floor }.Validate()));

    [Fact]
    public void Validate_RetrainingOptions_IncludeTheWeightingsProblems()
        => Assert.Equal(
            ["Retraining.LossWeighting.MinimumWeight must be in [0, 1]; found 2."],
            new RetrainingOptions { LossWeighting = new BoltzmannLossWeighting { ThermalEnergy = 1, MinimumWeight = 2 } }.Validate());
}
