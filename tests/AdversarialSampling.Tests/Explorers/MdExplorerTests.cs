using AdversarialSampling.Attacks;
using AdversarialSampling.Dynamics;
using AdversarialSampling.Explorers;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.Attacks;
using AdversarialSampling.Tests.TestSupport;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Tests.Explorers;

public class MdExplorerTests
{
    private static readonly MdExplorerOptions Short = new()
    {
        TemperatureK = 600,
        TimeStepFs = 0.5,
        Steps = 200,
        SampleInterval = 10,
        Replicas = 2,
        Stability = null,
    };

    [Fact]
    public void Explore_SameSeed_GivesTheSameCandidatesAndAnotherSeedOthers()
    {
        using var model = new SpringCommittee();
        var seeds = AttackTestKit.TriatomicSeeds(3);
        var explorer = new MdExplorer(Short with { Threshold = UncertaintyThreshold.ForceVariance(0) });

        var a = explorer.Explore(model, seeds, new AttackContext(AttackTestKit.TriatomicTraining(), 7));
        var b = explorer.Explore(model, seeds, new AttackContext(AttackTestKit.TriatomicTraining(), 7));
        var c = explorer.Explore(model, seeds, new AttackContext(AttackTestKit.TriatomicTraining(), 8));

        Assert.NotEmpty(a.Candidates);
        Assert.Equal(a.Candidates.Length, b.Candidates.Length);
        for (int i = 0; i < a.Candidates.Length; i++)
        {
            // Equal up to the rounding of multi-threaded tensor reductions (bitwise with one torch thread).
            Assert.Equal(a.Candidates[i].Structure.Positions, b.Candidates[i].Structure.Positions, new Tolerance(1e-12));
            Assert.Equal(a.Candidates[i].UncertaintyAfter, b.Candidates[i].UncertaintyAfter, 12);
            Assert.Equal((a.Candidates[i].SeedIndex, a.Candidates[i].Start, a.Candidates[i].Steps), (b.Candidates[i].SeedIndex, b.Candidates[i].Start, b.Candidates[i].Steps));
        }

        Assert.NotEqual(
            a.Candidates.SelectMany(o => o.Structure.Positions).ToArray(),
            c.Candidates.SelectMany(o => o.Structure.Positions).ToArray());
    }

    [Fact]
    public void Explore_ExplicitThreshold_CollectsExactlyTheSampledFramesAboveIt()
    {
        using var model = new SpringCommittee();
        var seeds = AttackTestKit.TriatomicSeeds(3);
        var context = new AttackContext(AttackTestKit.TriatomicTraining(), 3);
        var all = new MdExplorer(Short with { Threshold = UncertaintyThreshold.ForceVariance(double.NegativeInfinity) }).Explore(model, seeds, context);
        double median = all.Candidates.Select(o => o.UncertaintyAfter).Order().ElementAt(all.Candidates.Length / 2);

        var some = new MdExplorer(Short with { Threshold = UncertaintyThreshold.ForceVariance(median) }).Explore(model, seeds, context);

        // Every sampled frame (steps 10, 20, …, 200 of every trajectory) is a candidate at −∞.
        Assert.Equal(seeds.Count * Short.Replicas * (Short.Steps / Short.SampleInterval), all.Candidates.Length);
        Assert.All(all.Trajectories, t => Assert.Equal(t.FramesSampled, t.FramesCollected));
        var expected = all.Candidates.Where(o => o.UncertaintyAfter > median).ToList();
        Assert.Equal(expected.Count, some.Candidates.Length);
        Assert.InRange(some.Candidates.Length, 1, all.Candidates.Length - 1);
        Assert.All(some.Candidates, o => Assert.True(o.UncertaintyAfter > median));
        Assert.Equal(expected.Select(o => (o.SeedIndex, o.Start, o.Steps)), some.Candidates.Select(o => (o.SeedIndex, o.Start, o.Steps)));
        Assert.Equal(some.Candidates.Length, some.Trajectories.Sum(t => t.FramesCollected));

        // The reported uncertainty is the committee's on the returned structure.
        var recomputed = MdExplorer.Uncertainties(model, [.. some.Candidates.Select(o => o.Structure)], new ForceVariance(), 256, default);
        Assert.Equal(some.Candidates.Select(o => o.UncertaintyAfter), recomputed, new Tolerance(1e-9));
    }

    [Fact]
    public void Explore_DefaultThreshold_IsThe80thPercentileOfTheTrainingUncertainty()
    {
        using var model = new SpringCommittee();
        var training = AttackTestKit.TriatomicTraining();
        var u = MdExplorer.Uncertainties(model, [.. training.Select(s => s.Structure)], new ForceVariance(), 256, default);

        var result = new MdExplorer(Short).Explore(model, AttackTestKit.TriatomicSeeds(2), new AttackContext(training, 1));

        Assert.Equal(global::AdversarialSampling.Selection.Percentile.Linear(u, 80), result.Threshold.Value, 12);
        Assert.All(result.Candidates, o => Assert.True(o.UncertaintyAfter > result.Threshold.Value));
    }

    [Fact]
    public void Explore_FrozenAtom_NeverMoves()
    {
        using var model = new SpringCommittee();
        var seeds = AttackTestKit.TriatomicSeeds(2).Select(s => s.WithConstraints(new StructureConstraints([0]))).ToList();

        var result = new MdExplorer(Short with { Threshold = UncertaintyThreshold.ForceVariance(double.NegativeInfinity) })
            .Explore(model, seeds, new AttackContext(AttackTestKit.TriatomicTraining(), 5));

        Assert.NotEmpty(result.Candidates);
        foreach (var o in result.Candidates)
        {
            Assert.Equal(seeds[o.SeedIndex].Positions.Take(3), o.Structure.Positions.Take(3));
            Assert.NotEqual(seeds[o.SeedIndex].Positions.Skip(3), o.Structure.Positions.Skip(3));
            Assert.Equal(new[] { 0 }, o.Structure.Constraints.FixedAtoms);
        }
    }

    [Fact]
    public void Explore_ExplodingTrajectories_AreStoppedRecordedAndNeverReturnABrokenFrame()
    {
        using var model = new SpringCommittee(springConstant: 0.5);
        var window = new StabilityChecker(0.6, 1.8);
        var options = Short with { TemperatureK = 5000, Stability = window, Threshold = UncertaintyThreshold.ForceVariance(double.NegativeInfinity), Replicas = 4 };

        var result = new MdExplorer(options).Explore(model, AttackTestKit.TriatomicSeeds(3), new AttackContext(AttackTestKit.TriatomicTraining(), 2));

        Assert.Contains(result.Trajectories, t => t.ExitReason == MdExitReason.Unstable && t.Violation is not null && t.StepsDone < options.Steps);
        Assert.Equal(result.Trajectories.Count(t => t.Exploded), result.Exploded);
        Assert.All(result.Candidates, o => Assert.True(window.IsStable(o.Structure)));
        foreach (var t in result.Trajectories.Where(t => t.Exploded))
        {
            Assert.All(result.Candidates.Where(o => o.SeedIndex == t.SeedIndex && o.Start == t.Replica), o =>
            {
                Assert.Equal(AttackExitReason.DistanceGuard, o.ExitReason);
                Assert.True(o.Steps < t.StepsDone);
            });
        }
    }

    [Fact]
    public void Explore_StopAfterFrames_StopsEachTrajectoryAtThatCount()
    {
        using var model = new SpringCommittee();
        var options = Short with { Threshold = UncertaintyThreshold.ForceVariance(double.NegativeInfinity), StopAfterFrames = 3 };

        var result = new MdExplorer(options).Explore(model, AttackTestKit.TriatomicSeeds(2), new AttackContext(AttackTestKit.TriatomicTraining(), 2));

        Assert.All(result.Trajectories, t =>
        {
            Assert.Equal(MdExitReason.Stopped, t.ExitReason);
            Assert.Equal(3, t.FramesCollected);
            Assert.Equal(3 * options.SampleInterval, t.StepsDone);
        });
        Assert.All(result.Candidates, o => Assert.Equal(AttackExitReason.TargetReached, o.ExitReason));
    }

    [Fact]
    public void Explore_BatchSize_DoesNotChangeTheCandidates()
    {
        using var model = new SpringCommittee();
        var seeds = AttackTestKit.TriatomicSeeds(3);
        var context = new AttackContext(AttackTestKit.TriatomicTraining(), 4);

        var together = new MdExplorer(Short).Explore(model, seeds, context);
        var apart = new MdExplorer(Short with { BatchSize = 1 }).Explore(model, seeds, context);

        Assert.Equal(together.Candidates.Length, apart.Candidates.Length);
        for (int i = 0; i < together.Candidates.Length; i++)
        {
            Assert.Equal(together.Candidates[i].Structure.Positions, apart.Candidates[i].Structure.Positions, new Tolerance(1e-12));
        }
    }

    [Fact]
    public void Explore_Cancelled_Throws()
    {
        using var model = new SpringCommittee();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new MdExplorer(Short with { Threshold = UncertaintyThreshold.ForceVariance(0) })
            .Explore(model, AttackTestKit.TriatomicSeeds(2), new AttackContext(AttackTestKit.TriatomicTraining(), 1), cancellation.Token));
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => new MdExplorer(new MdExplorerOptions { Steps = 0, TimeStepFs = -1, Threshold = UncertaintyThreshold.EnergyVariance(1) }));

        Assert.Contains("Steps", e.Message, StringComparison.Ordinal);
        Assert.Contains("TimeStepFs", e.Message, StringComparison.Ordinal);
        Assert.Contains("Threshold", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explore_NoThresholdAndNoTrainingData_Throws()
    {
        using var model = new SpringCommittee();

        Assert.Throws<ArgumentException>(() => new MdExplorer(Short).Explore(model, AttackTestKit.TriatomicSeeds(1), new AttackContext(Dataset.Empty)));
    }
}
