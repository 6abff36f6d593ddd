using AdversarialSampling.Attacks;
using AdversarialSampling.Potentials;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Attacks;

/// <summary>Issue #4 acceptance on the 2D double well, with a committee trained on the left basin only.</summary>
[Trait("Category", "Acceptance")]
public class DoubleWellAttackAcceptanceTests(LeftBasinCommittee fixture, ITestOutputHelper output) : IClassFixture<LeftBasinCommittee>
{
    private static readonly AttackBox PaperBox = AttackBox.Xy(-DoubleWell2D.TrainingRange, DoubleWell2D.TrainingRange, -DoubleWell2D.TrainingRange, DoubleWell2D.TrainingRange);

    private IReadOnlyList<AttackOutcome> Run(GradientAttackOptions options)
        => new GradientAttack(options).Attack(fixture.Committee, fixture.Seeds, new AttackContext(fixture.Training, 7));

    private static double TrueEnergy(AttackOutcome o) => DoubleWell2D.Energy(o.Structure.Positions[0], o.Structure.Positions[1]);

    [Fact]
    public void Attack_PaperSettings_RaisesForceVarianceTenfoldAndNeverMovesZ()
    {
        var outcomes = Run(GradientAttackOptions.Paper());
        double rise = outcomes.Average(o => o.UncertaintyAfter) / outcomes.Average(o => o.UncertaintyBefore);
        output.WriteLine($"paper: u_F rise {rise:F1}×, mean true energy {outcomes.Average(TrueEnergy):F2}, outside the box {outcomes.Count(o => !PaperBox.Contains(o.Structure))}/{outcomes.Count}");
        Assert.True(rise >= 10, $"mean force variance rose {rise:F2}×");
        Assert.All(outcomes, o => Assert.Equal(0.0, o.Structure.Positions[2]));
        Assert.All(outcomes, o => Assert.True(o.Structure.FrozenMask()[2]));
    }

    [Fact]
    public void Attack_HigherTemperature_ReachesHigherTrueEnergies()
    {
        var cold = Run(GradientAttackOptions.Paper() with { Objective = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(1) } });
        var hot = Run(GradientAttackOptions.Paper() with { Objective = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(10) } });
        double coldEnergy = cold.Average(TrueEnergy), hotEnergy = hot.Average(TrueEnergy);
        output.WriteLine($"mean true energy: kT 1 → {coldEnergy:F2}, kT 10 → {hotEnergy:F2}; seeds {fixture.Training.Average(s => s.Energy):F2}");
        Assert.True(hotEnergy > coldEnergy + 1, $"kT 10: {hotEnergy:F2} vs kT 1: {coldEnergy:F2}");
    }

    [Fact]
    public void Attack_LibraryDefault_StaysInTheBoxAndUnderTheCeilingAndStillFindsUncertainty()
    {
        var options = GradientAttackOptions.Default(fixture.Training, PaperBox);
        double ceiling = fixture.Training.Min(s => s.Energy) + options.Bounds.EnergyCeiling!.Value;
        var outcomes = Run(options);
        double rise = outcomes.Average(o => o.UncertaintyAfter) / outcomes.Average(o => o.UncertaintyBefore);
        output.WriteLine($"default: kT {options.Objective.Temperature.KT:F2}, ceiling {ceiling:F2}, u_F rise {rise:F1}×, max predicted {outcomes.Max(o => o.PredictedEnergy):F2}, max true {outcomes.Max(TrueEnergy):F2}, exits {string.Join(", ", outcomes.GroupBy(o => o.ExitReason).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.All(outcomes, o =>
        {
            Assert.True(PaperBox.Contains(o.Structure), $"seed {o.SeedIndex} left the box");
            Assert.True(o.PredictedEnergy <= ceiling, $"seed {o.SeedIndex}: predicted {o.PredictedEnergy:F3} above the ceiling {ceiling:F3}");
        });
        Assert.True(rise >= 10, $"mean force variance rose {rise:F2}×");
    }
}
