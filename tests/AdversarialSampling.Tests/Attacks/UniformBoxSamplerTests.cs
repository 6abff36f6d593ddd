using AdversarialSampling.Attacks;
using static AdversarialSampling.Tests.Attacks.AttackTestKit;

namespace AdversarialSampling.Tests.Attacks;

public class UniformBoxSamplerTests
{
    private static readonly AttackBox Box = AttackBox.Xy(-1.2, 1.2, -0.5, 1.5);

    [Fact]
    public void Attack_PlaneSeeds_DrawsUniformlyInTheBoxAndNeverMovesZ()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(400);
        var outcomes = new UniformBoxSampler(new UniformBoxSamplerOptions { Box = Box }).Attack(model, seeds, new AttackContext(PlaneTraining(), 3));
        Assert.Equal(400, outcomes.Count);
        Assert.All(outcomes, o =>
        {
            Assert.True(Box.Contains(o.Structure));
            Assert.Equal(0.0, o.Structure.Positions[2]);
            Assert.True(o.Structure.FrozenMask()[2]);
            Assert.Equal(AttackExitReason.NotIterative, o.ExitReason);
            Assert.True(double.IsFinite(o.UncertaintyAfter) && double.IsFinite(o.LogObjectiveAfter));
        });
        var x = outcomes.Select(o => o.Structure.Positions[0]).ToArray();
        var y = outcomes.Select(o => o.Structure.Positions[1]).ToArray();

        // Uniform on [a, b]: mean (a + b)/2, standard deviation (b − a)/√12; 400 draws give ±5% easily.
        Assert.InRange(x.Average(), -0.12, 0.12);
        Assert.InRange(y.Average(), 0.4, 0.6);
        Assert.InRange(Math.Sqrt(x.Average(v => v * v) - Math.Pow(x.Average(), 2)), 2.4 / Math.Sqrt(12) * 0.9, 2.4 / Math.Sqrt(12) * 1.1);

        // The points do not depend on where the seeds were.
        Assert.True(Math.Abs(outcomes[0].Structure.Positions[0] - seeds[0].Positions[0]) > 1e-9);
    }

    [Fact]
    public void Attack_SameRandomSeed_GivesTheSamePoints()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(5);
        var sampler = new UniformBoxSampler(new UniformBoxSamplerOptions { Box = Box, Starts = 2, BatchSize = 3 });
        var a = sampler.Attack(model, seeds, new AttackContext(PlaneTraining(), 8));
        var b = new UniformBoxSampler(new UniformBoxSamplerOptions { Box = Box, Starts = 2 }).Attack(model, seeds, new AttackContext(PlaneTraining(), 8));
        var c = sampler.Attack(model, seeds, new AttackContext(PlaneTraining(), 9));
        Assert.Equal(a.Select(o => o.Structure.Positions.ToArray()), b.Select(o => o.Structure.Positions.ToArray()));
        Assert.NotEqual(a.Select(o => o.Structure.Positions.ToArray()), c.Select(o => o.Structure.Positions.ToArray()));
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3, 4, 4], a.Select(o => o.SeedIndex));
        Assert.Equal(10, a.Select(o => o.Structure.Positions[0]).Distinct().Count());
    }

    [Fact]
    public void Attack_FreeAxisWithoutFiniteBounds_ThrowsNamingTheAxis()
    {
        using var model = TriatomicCommittee();
        var sampler = new UniformBoxSampler(new UniformBoxSamplerOptions { Box = Box });
        var error = Assert.Throws<ArgumentException>(() => sampler.Attack(model, TriatomicSeeds(2), new AttackContext(TriatomicTraining())));
        Assert.Contains("along z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new UniformBoxSampler(new UniformBoxSamplerOptions { Box = AttackBox.Xy(1, -1, 0, 1), Starts = 0, BatchSize = 0 }));
        Assert.Contains("Box", error.Message, StringComparison.Ordinal);
        Assert.Contains("Starts", error.Message, StringComparison.Ordinal);
        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);
    }
}
