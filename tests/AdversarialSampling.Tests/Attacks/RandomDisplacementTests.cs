using AdversarialSampling.Attacks;
using AdversarialSampling.Structures;
using static AdversarialSampling.Tests.Attacks.AttackTestKit;

namespace AdversarialSampling.Tests.Attacks;

public class RandomDisplacementTests
{
    private static RandomDisplacementOptions Options(double std = 0.1, AttackBounds? bounds = null) => new()
    {
        Objective = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(1) },
        DisplacementStd = std,
        Bounds = bounds ?? AttackBounds.None,
    };

    [Fact]
    public void Attack_PlaneSeeds_MovesXyWithTheRequestedSpreadAndNeverZ()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(200);
        var outcomes = new RandomDisplacement(Options(std: 0.2)).Attack(model, seeds, new AttackContext(PlaneTraining(), 3));
        Assert.Equal(200, outcomes.Count);
        var dx = outcomes.Select(o => o.Structure.Positions[0] - seeds[o.SeedIndex].Positions[0]).ToArray();
        double std = Math.Sqrt(dx.Average(d => d * d));
        Assert.InRange(std, 0.17, 0.23);
        Assert.All(outcomes, o =>
        {
            Assert.Equal(0.0, o.Structure.Positions[2]);
            Assert.Equal(AttackExitReason.NotIterative, o.ExitReason);
            Assert.Equal(1, o.Steps);
            Assert.True(double.IsFinite(o.LogObjectiveAfter) && double.IsFinite(o.LogObjectiveBefore));
        });
    }

    [Fact]
    public void Attack_SameRandomSeed_GivesTheSameDisplacements()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(4);
        var attack = new RandomDisplacement(Options() with { Starts = 2 });
        var a = attack.Attack(model, seeds, new AttackContext(PlaneTraining(), 8));
        var b = attack.Attack(model, seeds, new AttackContext(PlaneTraining(), 8));
        var c = attack.Attack(model, seeds, new AttackContext(PlaneTraining(), 9));
        Assert.Equal(a.Select(o => o.Structure.Positions.ToArray()), b.Select(o => o.Structure.Positions.ToArray()));
        Assert.NotEqual(a.Select(o => o.Structure.Positions.ToArray()), c.Select(o => o.Structure.Positions.ToArray()));
        Assert.Equal([0, 1, 0, 1, 0, 1, 0, 1], a.Select(o => o.Start));
    }

    [Fact]
    public void Attack_BoxAndEpsilon_AreRespected()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(50);
        var box = AttackBox.Xy(-1, 1, -1, 1);
        var outcomes = new RandomDisplacement(Options(std: 0.5, new AttackBounds { Box = box, Epsilon = 0.3 })).Attack(model, seeds, new AttackContext(PlaneTraining()));
        Assert.All(outcomes, o =>
        {
            Assert.True(box.Contains(o.Structure));
            Assert.True(Math.Abs(o.Structure.Positions[0] - seeds[o.SeedIndex].Positions[0]) <= 0.3 + 1e-12);
        });
        Assert.Contains(outcomes, o => Math.Abs(o.Structure.Positions[0]) == 1 || Math.Abs(o.Structure.Positions[1]) == 1);
    }

    [Fact]
    public void Attack_DistanceGuard_RedrawsOrKeepsTheSeed()
    {
        using var model = TriatomicCommittee();
        var seeds = CrowdedTriatomicSeeds(30);
        var options = Options(std: 0.3, new AttackBounds { MinDistanceFactor = 1.0 }) with { MaxTries = 2 };
        var outcomes = new RandomDisplacement(options).Attack(model, seeds, new AttackContext(TriatomicTraining()));
        foreach (var o in outcomes)
        {
            var seed = seeds[o.SeedIndex];
            for (int i = 0; i < 3; i++)
            {
                for (int j = i + 1; j < 3; j++)
                {
                    double limit = Math.Min(Elements.CovalentRadius(seed.AtomicNumbers[i]) + Elements.CovalentRadius(seed.AtomicNumbers[j]), seed.Distance(i, j) - 1e-4);
                    Assert.True(o.Structure.Distance(i, j) >= limit);
                }
            }

            if (o.ExitReason == AttackExitReason.DistanceGuard)
            {
                Assert.Equal(seed.Positions.ToArray(), o.Structure.Positions.ToArray());
                Assert.Equal(0, o.Steps);
            }
        }

        Assert.Contains(outcomes, o => o.ExitReason == AttackExitReason.DistanceGuard);
        Assert.Contains(outcomes, o => o.ExitReason == AttackExitReason.NotIterative);
    }

    [Fact]
    public void Attack_EnergyCeiling_NoAcceptedDrawExceedsIt()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(40);
        var training = PlaneTraining();
        double minimum = training.Min(s => s.Energy);
        var free = new RandomDisplacement(Options(std: 0.5)).Attack(model, seeds, new AttackContext(training));
        double ceiling = free.Select(o => o.PredictedEnergy).Order().ElementAt(20) - minimum;
        var outcomes = new RandomDisplacement(Options(std: 0.5, new AttackBounds { EnergyCeiling = ceiling })).Attack(model, seeds, new AttackContext(training));
        Assert.All(outcomes.Where(o => o.ExitReason == AttackExitReason.NotIterative), o => Assert.True(o.PredictedEnergy <= minimum + ceiling));
        Assert.All(outcomes.Where(o => o.ExitReason == AttackExitReason.EnergyCeiling), o => Assert.Equal(seeds[o.SeedIndex].Positions.ToArray(), o.Structure.Positions.ToArray()));
    }

    [Fact]
    public void Attack_Uniform_StaysWithinTheHalfWidthWithTheUniformSpreadAndNeverMovesZ()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(400);
        var options = Options() with { Distribution = DisplacementDistribution.Uniform, UniformHalfWidth = 0.3 };
        var outcomes = new RandomDisplacement(options).Attack(model, seeds, new AttackContext(PlaneTraining(), 5));

        var d = outcomes.SelectMany(o => new[] { o.Structure.Positions[0] - seeds[o.SeedIndex].Positions[0], o.Structure.Positions[1] - seeds[o.SeedIndex].Positions[1] }).ToArray();
        Assert.All(d, v => Assert.InRange(Math.Abs(v), 0, 0.3 + 1e-6));
        Assert.InRange(Math.Sqrt(d.Average(v => v * v)), 0.3 / Math.Sqrt(3) * 0.93, 0.3 / Math.Sqrt(3) * 1.07); // σ of U(−ε, ε) = ε/√3 = 0.173
        Assert.InRange(d.Count(v => Math.Abs(v) > 0.2) / (double)d.Length, 0.28, 0.39); // P(|δ| > 2ε/3) = 1/3; a Gaussian of the same σ gives 0.25
        Assert.All(outcomes, o => Assert.Equal(0.0, o.Structure.Positions[2]));

        var again = new RandomDisplacement(options).Attack(model, seeds, new AttackContext(PlaneTraining(), 5));
        Assert.Equal(outcomes.Select(o => o.Structure.Positions.ToArray()), again.Select(o => o.Structure.Positions.ToArray()));
    }

    [Fact]
    public void Options_UniformWithoutHalfWidth_IsRejectedByName()
    {
        var problems = (Options() with { Distribution = DisplacementDistribution.Uniform }).Validate();
        Assert.Equal(["UniformHalfWidth must be > 0 (Å) when Distribution is Uniform; found 0."], problems);
        Assert.Empty((Options() with { UniformHalfWidth = 0.2 }).Validate());
        Assert.Contains("UniformHalfWidth must be ≥ 0 and finite (Å); found NaN.", (Options() with { UniformHalfWidth = double.NaN }).Validate());
        Assert.Contains("Distribution must be Gaussian or Uniform; found 7.", (Options() with { Distribution = (DisplacementDistribution)7 }).Validate());
    }

    [Fact]
    public void Options_Invalid_ListsEveryProblem()
    {
        var problems = new RandomDisplacementOptions { DisplacementStd = -1, Starts = 0, MaxTries = 0 }.Validate();
        foreach (var name in new[] { "Temperature", "DisplacementStd", "Starts", "MaxTries" })
        {
            Assert.Contains(problems, p => p.Contains(name, StringComparison.Ordinal));
        }

        Assert.Throws<ArgumentException>(() => new RandomDisplacement(new RandomDisplacementOptions()));
    }
}
