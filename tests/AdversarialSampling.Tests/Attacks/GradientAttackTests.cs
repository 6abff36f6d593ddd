using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using static AdversarialSampling.Tests.Attacks.AttackTestKit;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Attacks;

public class GradientAttackTests
{
    private static IReadOnlyList<AttackOutcome> Run(ICommitteeModel model, GradientAttackOptions options, IReadOnlyList<AtomicStructure> seeds, Dataset training, int randomSeed = 0, CancellationToken token = default)
        => new GradientAttack(options).Attack(model, seeds, new AttackContext(training, randomSeed), token);

    [Fact]
    public void Attack_PlaneSeeds_FrozenZNeverChangesAndUncertaintyRises()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(8).Select(s => s.WithPositions([s.Positions[0], s.Positions[1], 0.37])).ToList();
        var outcomes = Run(model, PlaneOptions(kT: 10, steps: 60), seeds, PlaneTraining());
        Assert.Equal(seeds.Count, outcomes.Count);
        for (int i = 0; i < seeds.Count; i++)
        {
            Assert.Equal(i, outcomes[i].SeedIndex);
            Assert.Equal(0.37, outcomes[i].Structure.Positions[2]);
            Assert.NotEqual(seeds[i].Positions[0], outcomes[i].Structure.Positions[0]);
            Assert.Equal(AttackExitReason.MaxSteps, outcomes[i].ExitReason);
            Assert.Equal(60, outcomes[i].Steps);
            Assert.Equal(seeds[i].Constraints, outcomes[i].Structure.Constraints);
        }

        Assert.True(outcomes.Average(o => o.LogObjectiveAfter) > outcomes.Average(o => o.LogObjectiveBefore));
        Assert.True(outcomes.Average(o => o.UncertaintyAfter) > outcomes.Average(o => o.UncertaintyBefore));
    }

    [Fact]
    public void Attack_FixedAtoms_NeverMove()
    {
        using var model = TriatomicCommittee();
        var seeds = TriatomicSeeds(3).Select(s => s.WithConstraints(new StructureConstraints([0], [new FixedCartesian(2, false, true, false)]))).ToList();
        var outcomes = Run(model, PlaneOptions(steps: 30), seeds, TriatomicTraining());
        for (int i = 0; i < seeds.Count; i++)
        {
            var before = seeds[i].Positions;
            var after = outcomes[i].Structure.Positions;
            Assert.Equal(before.ToArray()[..3], after.ToArray()[..3]);
            Assert.Equal(before[7], after[7]);
            Assert.NotEqual(before[3], after[3]);
        }
    }

    [Fact]
    public void Attack_Epsilon_ClampsEveryComponent()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(10);
        var options = PlaneOptions(kT: 10, steps: 60) with { Bounds = new AttackBounds { Epsilon = 0.05 } };
        var unbounded = Run(model, PlaneOptions(kT: 10, steps: 60), seeds, PlaneTraining());
        var outcomes = Run(model, options, seeds, PlaneTraining());
        Assert.Contains(unbounded, o => MaxComponentShift(seeds[o.SeedIndex], o.Structure) > 0.1);
        Assert.All(outcomes, o => Assert.True(MaxComponentShift(seeds[o.SeedIndex], o.Structure) <= 0.05 + 1e-12));
    }

    [Fact]
    public void Attack_MaxAtomDisplacement_BoundsEveryAtomsMove()
    {
        using var model = TriatomicCommittee();
        var seeds = TriatomicSeeds(4);
        var options = PlaneOptions(steps: 60, learningRate: 0.05) with { Bounds = new AttackBounds { MaxAtomDisplacement = 0.1 } };
        var outcomes = Run(model, options, seeds, TriatomicTraining());
        double largest = 0;
        foreach (var o in outcomes)
        {
            for (int a = 0; a < 3; a++)
            {
                var (x0, y0, z0) = seeds[o.SeedIndex].Position(a);
                var (x, y, z) = o.Structure.Position(a);
                double d = Math.Sqrt(((x - x0) * (x - x0)) + ((y - y0) * (y - y0)) + ((z - z0) * (z - z0)));
                largest = Math.Max(largest, d);
            }
        }

        Assert.InRange(largest, 0.09, 0.1 + 1e-9);
    }

    [Fact]
    public void Attack_Box_NoPointLeavesIt()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(12);
        var box = AttackBox.Xy(-1.05, 1.05, -1.05, 1.05);
        var unbounded = Run(model, PlaneOptions(kT: 100, steps: 80, learningRate: 0.05), seeds, PlaneTraining());
        Assert.Contains(unbounded, o => !box.Contains(o.Structure));
        var outcomes = Run(model, PlaneOptions(kT: 100, steps: 80, learningRate: 0.05) with { Bounds = new AttackBounds { Box = box } }, seeds, PlaneTraining());
        Assert.All(outcomes, o => Assert.True(box.Contains(o.Structure), $"seed {o.SeedIndex} left the box: {o.Structure.Position(0)}"));
    }

    [Fact]
    public void Attack_EnergyCeiling_NoAcceptedPointExceedsIt()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(12);
        var training = PlaneTraining();
        double minimum = training.Min(s => s.Energy);
        var free = Run(model, PlaneOptions(kT: 100, steps: 80, learningRate: 0.05), seeds, training);
        double ceiling = free.Select(o => o.PredictedEnergy).Order().ElementAt(6) - minimum;
        var options = PlaneOptions(kT: 100, steps: 80, learningRate: 0.05) with { Bounds = new AttackBounds { EnergyCeiling = ceiling } };
        var outcomes = Run(model, options, seeds, training);
        Assert.Contains(outcomes, o => o.ExitReason == AttackExitReason.EnergyCeiling);
        var check = TorchSharpPredict(model, outcomes.Select(o => o.Structure).ToList());
        for (int i = 0; i < outcomes.Count; i++)
        {
            Assert.True(outcomes[i].PredictedEnergy <= minimum + ceiling, $"seed {i}: {outcomes[i].PredictedEnergy} > {minimum + ceiling}");
            Assert.Equal(check[i], outcomes[i].PredictedEnergy, 8);
        }
    }

    /// <summary>The distance-guard tests' case: crowded triatomic seeds and a hot, long attack that pushes atoms together.</summary>
    private static (ICommitteeModel Model, List<AtomicStructure> Seeds, GradientAttackOptions Options) CrowdingCase()
        => (TriatomicCommittee(seed: 5), CrowdedTriatomicSeeds(8), PlaneOptions(kT: 1000, steps: 100, learningRate: 0.03));

    /// <summary>The covalent guard's rule: a pair closer than f·(r_i + r_j), or than the seed's own distance when that is already shorter.</summary>
    private static bool BreaksCovalentGuard(AttackOutcome o, IReadOnlyList<AtomicStructure> seeds, double factor) => Pairs().Any(p =>
    {
        var seed = seeds[o.SeedIndex];
        double limit = Math.Min(factor * (Elements.CovalentRadius(seed.AtomicNumbers[p.I]) + Elements.CovalentRadius(seed.AtomicNumbers[p.J])), seed.Distance(p.I, p.J) - 1e-4);
        return o.Structure.Distance(p.I, p.J) < limit;
    });

    [Fact]
    public void Attack_DistanceGuard_NoPairComesCloserThanTheGuard()
    {
        var (committee, seeds, options) = CrowdingCase();
        using var model = committee;
        const double factor = 1.0;
        bool Violates(AttackOutcome o) => BreaksCovalentGuard(o, seeds, factor);

        var free = Run(model, options, seeds, TriatomicTraining());
        Assert.Contains(free, Violates);
        var guarded = Run(model, options with { Bounds = new AttackBounds { MinDistanceFactor = factor } }, seeds, TriatomicTraining());
        Assert.Contains(guarded, o => o.ExitReason == AttackExitReason.DistanceGuard);
        Assert.All(guarded, o => Assert.False(Violates(o), $"seed {o.SeedIndex} broke the guard"));
    }

    [Fact]
    public void Attack_ProjectOnDistanceGuard_KeepsGoingAlongTheWallWithoutBreakingTheGuard()
    {
        var (committee, seeds, options) = CrowdingCase();
        using var model = committee;
        const double factor = 1.0;
        bool Violates(AttackOutcome o) => BreaksCovalentGuard(o, seeds, factor);

        var stopping = Run(model, options with { Bounds = new AttackBounds { MinDistanceFactor = factor } }, seeds, TriatomicTraining());
        var projecting = Run(model, options with { Bounds = new AttackBounds { MinDistanceFactor = factor, ProjectOnDistanceGuard = true } }, seeds, TriatomicTraining());

        int stopped = stopping.Count(o => o.ExitReason == AttackExitReason.DistanceGuard);
        Assert.True(stopped > 0);
        Assert.True(projecting.Count(o => o.ExitReason == AttackExitReason.DistanceGuard) < stopped);
        Assert.All(projecting, o => Assert.False(Violates(o), $"seed {o.SeedIndex} broke the guard"));
        Assert.True(projecting.Sum(o => o.Steps) > stopping.Sum(o => o.Steps));
    }

    [Fact]
    public void Attack_TrainingDistanceGuard_NoPairComesCloserThanItsShareOfTheShortestTrainingDistance()
    {
        using var model = TriatomicCommittee(seed: 5);
        var seeds = TriatomicSeeds(8);
        var training = TriatomicTraining();
        var options = PlaneOptions(kT: 1000, steps: 100, learningRate: 0.03);
        const double factor = 0.95;
        double Shortest(int zi, int zj) => training.Min(s => Pairs()
            .Where(p => (s.Structure.AtomicNumbers[p.I], s.Structure.AtomicNumbers[p.J]) == (zi, zj) || (s.Structure.AtomicNumbers[p.J], s.Structure.AtomicNumbers[p.I]) == (zi, zj))
            .Select(p => s.Structure.Distance(p.I, p.J))
            .DefaultIfEmpty(double.PositiveInfinity)
            .Min());

        bool Violates(AttackOutcome o) => Pairs().Any(p =>
        {
            var seed = seeds[o.SeedIndex];
            double limit = Math.Min(factor * Shortest(seed.AtomicNumbers[p.I], seed.AtomicNumbers[p.J]), seed.Distance(p.I, p.J) - 1e-4);
            return o.Structure.Distance(p.I, p.J) < limit;
        });

        var free = Run(model, options, seeds, training);
        Assert.Contains(free, Violates);
        var guarded = Run(model, options with { Bounds = new AttackBounds { MinTrainingDistanceFactor = factor } }, seeds, training);
        Assert.Contains(guarded, o => o.ExitReason == AttackExitReason.DistanceGuard);
        Assert.All(guarded, o => Assert.False(Violates(o), $"seed {o.SeedIndex} broke the guard"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Validate_TrainingDistanceFactorOutsideZeroToOne_NamesIt(double factor)
    {
        var problems = new AttackBounds { MinTrainingDistanceFactor = factor }.Validate();

        Assert.Contains(problems, p => p.Contains("MinTrainingDistanceFactor", StringComparison.Ordinal));
    }

    [Fact]
    public void ElementPairDistances_Shortest_PerUnorderedElementPairWithMinimumImage()
    {
        var water = new AtomicStructure([8, 1, 1], [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]);
        var stretched = new AtomicStructure([1, 8, 1], [1.1, 0, 0, 0, 0, 0, -0.3, 1.2, 0]);
        var periodicArgon = new AtomicStructure([18, 18], [0.2, 0, 0, 3.6, 0, 0], UnitCell.Orthorhombic(4, 10, 10));
        var lonely = new AtomicStructure([6], [0, 0, 0]);

        var shortest = ElementPairDistances.Shortest([water, stretched, periodicArgon, lonely]);

        Assert.Equal(0.96, shortest[(1, 8)], 12);
        Assert.Equal(Math.Sqrt((1.2 * 1.2) + (0.93 * 0.93)), shortest[(1, 1)], 12);
        Assert.Equal(0.6, shortest[(18, 18)], 12); // across the periodic boundary, not 3.4 Å
        Assert.False(shortest.ContainsKey((6, 6)));
        Assert.Equal((1, 8), ElementPairDistances.Key(8, 1));
    }

    [Fact]
    public void Attack_PerAtomWithKtOverN_FollowsTheSameTrajectoryAsTotal()
    {
        using var model = TriatomicCommittee();
        var seeds = TriatomicSeeds(3);
        var total = PlaneOptions(kT: 0.6, steps: 25);
        var perAtom = total with { Objective = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(0.2), EnergyMode = BoltzmannEnergy.PerAtom } };
        var a = Run(model, total, seeds, TriatomicTraining());
        var b = Run(model, perAtom, seeds, TriatomicTraining());
        for (int i = 0; i < seeds.Count; i++)
        {
            Assert.Equal(a[i].LogObjectiveAfter, b[i].LogObjectiveAfter, 8);
            Assert.Equal(a[i].Structure.Positions, b[i].Structure.Positions, new Tolerance(1e-9));
        }
    }

    [Fact]
    public void Attack_SameRandomSeed_GivesTheSameResult()
    {
        using var model = PlaneCommittee(ScalarType.Float32);
        var seeds = PlaneSeeds(5);
        var options = PlaneOptions(steps: 30) with { Starts = 2 };
        var a = Run(model, options, seeds, PlaneTraining(), randomSeed: 4);
        var b = Run(model, options, seeds, PlaneTraining(), randomSeed: 4);
        var c = Run(model, options, seeds, PlaneTraining(), randomSeed: 5);
        Assert.Equal(a.Select(o => o.Structure.Positions.ToArray()), b.Select(o => o.Structure.Positions.ToArray()));
        Assert.NotEqual(a.Select(o => o.Structure.Positions.ToArray()), c.Select(o => o.Structure.Positions.ToArray()));
    }

    [Fact]
    public void Attack_SmallBatches_GiveTheSameResultAsOneBatch()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(5);
        var options = PlaneOptions(steps: 20) with { Starts = 2 };
        var one = Run(model, options, seeds, PlaneTraining(), randomSeed: 1);
        var many = Run(model, options with { BatchSize = 3 }, seeds, PlaneTraining(), randomSeed: 1);
        for (int i = 0; i < one.Count; i++)
        {
            Assert.Equal(one[i].Structure.Positions, many[i].Structure.Positions, new Tolerance(1e-9));
        }
    }

    [Fact]
    public void Attack_Starts_AreOrderedBySeedThenStartAndDiffer()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(3);
        var outcomes = Run(model, PlaneOptions(steps: 10) with { Starts = 3 }, seeds, PlaneTraining());
        Assert.Equal(9, outcomes.Count);
        Assert.Equal([0, 0, 0, 1, 1, 1, 2, 2, 2], outcomes.Select(o => o.SeedIndex));
        Assert.Equal([0, 1, 2, 0, 1, 2, 0, 1, 2], outcomes.Select(o => o.Start));
        Assert.NotEqual(outcomes[0].Structure.Positions[0], outcomes[1].Structure.Positions[0]);
        Assert.Equal(outcomes[0].UncertaintyBefore, outcomes[1].UncertaintyBefore);
    }

    [Fact]
    public void Attack_BestStartPerSeed_ReturnsTheStartWithTheHighestObjectiveOfEachSeed()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(4);
        var options = PlaneOptions(steps: 10) with { Starts = 3, DeltaStd = 0.2 };
        var all = Run(model, options, seeds, PlaneTraining());
        var best = Run(model, options with { BestStartPerSeed = true }, seeds, PlaneTraining());

        Assert.Equal([0, 1, 2, 3], best.Select(o => o.SeedIndex));
        foreach (var o in best)
        {
            var starts = all.Where(a => a.SeedIndex == o.SeedIndex).ToList();
            Assert.Equal(starts.Max(a => a.LogObjectiveAfter), o.LogObjectiveAfter, 9);
            Assert.Equal(starts.MaxBy(a => a.LogObjectiveAfter)!.Start, o.Start);
            Assert.Equal(starts[o.Start].Structure.Positions, o.Structure.Positions, new Tolerance(1e-9));
        }

        Assert.Contains(best, o => o.Start != 0);
        Assert.Equal(all.Count, Run(model, options with { Starts = 1, BestStartPerSeed = true }, seeds, PlaneTraining()).Count * 3);
    }

    [Fact]
    public void Attack_BestGeometry_HasTheHighestObjectiveOfTheTrace()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(6);
        var options = PlaneOptions(kT: 0.2, steps: 40, learningRate: 0.08) with { Result = AttackResultGeometry.Best, RecordTrace = true };
        var outcomes = Run(model, options, seeds, PlaneTraining());
        foreach (var o in outcomes)
        {
            Assert.Equal(41, o.Trace.Length);
            double bestTraced = o.Trace.Max(t => t.LogObjective);
            Assert.Equal(Math.Max(bestTraced, o.LogObjectiveBefore), o.LogObjectiveAfter);
            Assert.True(o.LogObjectiveAfter >= o.Trace[^1].LogObjective);
        }
    }

    [Fact]
    public void Attack_LastGeometry_ReportsTheFinalState()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(4);
        var outcomes = Run(model, PlaneOptions(steps: 15) with { RecordTrace = true }, seeds, PlaneTraining());
        var check = TorchSharpPredict(model, outcomes.Select(o => o.Structure).ToList());
        for (int i = 0; i < outcomes.Count; i++)
        {
            Assert.Equal(outcomes[i].Trace[^1].LogObjective, outcomes[i].LogObjectiveAfter);
            Assert.Equal(15, outcomes[i].Trace[^1].Step);
            Assert.Equal(check[i], outcomes[i].PredictedEnergy, 8);
        }
    }

    [Fact]
    public void Attack_TargetUncertainty_StopsEarly()
    {
        using var model = PlaneCommittee();
        var seeds = PlaneSeeds(6);
        var free = Run(model, PlaneOptions(kT: 10, steps: 60), seeds, PlaneTraining());
        double target = free.Select(o => o.UncertaintyAfter).Order().ElementAt(3);
        var outcomes = Run(model, PlaneOptions(kT: 10, steps: 60) with { TargetUncertainty = target }, seeds, PlaneTraining());
        var stopped = outcomes.Where(o => o.ExitReason == AttackExitReason.TargetReached).ToList();
        Assert.NotEmpty(stopped);
        Assert.All(stopped, o => Assert.True(o.UncertaintyAfter >= target));
        Assert.Contains(stopped, o => o.Steps < 60);
    }

    [Fact]
    public void Attack_CancelledBeforeStart_ThrowsAndRestoresTrainableWeights()
    {
        using var model = PlaneCommittee();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Run(model, PlaneOptions(steps: 10), PlaneSeeds(2), PlaneTraining(), token: cts.Token));
        Assert.All(model.Parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Attack_CancelledDuringSteps_StopsWithinAStep()
    {
        using var model = PlaneCommittee();
        using var cts = new CancellationTokenSource();
        var counting = new CountingCommittee(model, afterCalls: 5, cts);
        Assert.ThrowsAny<OperationCanceledException>(() => Run(counting, PlaneOptions(steps: 1000), PlaneSeeds(2), PlaneTraining(), token: cts.Token));
        Assert.InRange(counting.Calls, 5, 6);
        Assert.All(model.Parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Attack_WeightsAreFrozenWhileAttackingAndUnchangedAfter()
    {
        using var model = PlaneCommittee();
        var weights = TestSupport.TensorTestHelpers.AllWeights(model);
        var probe = new CountingCommittee(model, afterCalls: int.MaxValue, null);
        Run(probe, PlaneOptions(steps: 5), PlaneSeeds(2), PlaneTraining());
        Assert.True(probe.Calls > 0);
        Assert.False(probe.SawTrainableWeights);
        Assert.All(model.Parameters(), p => Assert.True(p.requires_grad));
        Assert.Equal(weights, TestSupport.TensorTestHelpers.AllWeights(model));
    }

    [Fact]
    public void Attack_CommitteeWithoutTensorModel_IsRejected()
    {
        var attack = new GradientAttack(PlaneOptions());
        var ex = Assert.Throws<ArgumentException>(() => attack.Attack(new NotATensorCommittee(), PlaneSeeds(1), new AttackContext(PlaneTraining())));
        Assert.Contains("TorchCommittee", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attack_TorchCommittee_UsesItsModel()
    {
        using var committee = new TorchCommittee(new MlpSpec { AtomCount = 1, InputComponents = [0, 1], Width = 8, Depth = 2 }, new CommitteeOptions { Members = 3 });
        var outcomes = new GradientAttack(PlaneOptions(steps: 5)).Attack(committee, PlaneSeeds(2), new AttackContext(PlaneTraining()));
        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(double.IsFinite(o.LogObjectiveAfter)));
    }

    [Fact]
    public void Attack_NoSeeds_ReturnsNothing()
        => Assert.Empty(Run(PlaneCommittee(), PlaneOptions(), [], PlaneTraining()));

    [Fact]
    public void Options_Invalid_ListsEveryProblem()
    {
        var options = new GradientAttackOptions
        {
            Steps = -1,
            LearningRate = 0,
            Starts = 0,
            DeltaStd = double.NaN,
            Bounds = new AttackBounds { Epsilon = -1, Box = new AttackBox(1, 0, 0, 1, 0, 1), EnergyCeiling = double.PositiveInfinity },
        };
        var problems = options.Validate();
        foreach (var name in new[] { "Temperature", "Steps", "LearningRate", "Starts", "DeltaStd", "Epsilon", "Box", "EnergyCeiling" })
        {
            Assert.Contains(problems, p => p.Contains(name, StringComparison.Ordinal));
        }

        var ex = Assert.Throws<ArgumentException>(() => new GradientAttack(options));
        Assert.Contains("LearningRate", ex.Message, StringComparison.Ordinal);
        Assert.Empty(GradientAttackOptions.Paper(PaperSystem.Molecule).Validate());
        Assert.Empty(GradientAttackOptions.Paper(PaperSystem.DoubleWell1D).Validate());
    }

    [Fact]
    public void Default_PresetValues_AreTheMeasuredOnes()
    {
        // docs/reproduction-doublewell2d.md, "Library defaults": the values chosen from the 2D double-well measurements.
        Assert.Equal(2.0, GradientAttackOptions.DefaultTemperatureFactor);
        Assert.Equal(5.0, GradientAttackOptions.DefaultCeilingFactor);
        Assert.Equal(1.0, GradientAttackOptions.DefaultBoxMargin);
        Assert.Equal(0.5, GradientAttackOptions.DefaultMinDistanceFactor);
        Assert.Equal(100, GradientAttackOptions.DefaultSteps);
        Assert.Equal(150, GradientAttackOptions.ModelSurfaceSteps);
        Assert.Equal(1e-2, GradientAttackOptions.DefaultLearningRate);
    }

    [Fact]
    public void Paper_DoubleWell2D_KeepsTheReferenceSettings()
    {
        var o = GradientAttackOptions.Paper();
        Assert.Equal((5.0, 600, 3e-3, 0.01, 1, AttackResultGeometry.Last), (o.Objective.Temperature.KT, o.Steps, o.LearningRate, o.DeltaStd, o.Starts, o.Result));
        Assert.Same(AttackBounds.None, o.Bounds);
    }

    [Fact]
    public void Default_DerivesBoundsFromTheTrainingData()
    {
        var training = DoubleWell2D.InitialTrainingSet();
        var options = GradientAttackOptions.Default(training);
        double spread = training.Max(s => s.Energy) - training.Min(s => s.Energy);
        Assert.Empty(options.Validate());
        Assert.Equal(GradientAttackOptions.DefaultTemperatureFactor * spread, options.Objective.Temperature.KT, 12);
        Assert.Equal(GradientAttackOptions.DefaultCeilingFactor * spread, options.Bounds.EnergyCeiling!.Value, 12);
        Assert.Equal(GradientAttackOptions.DefaultMinDistanceFactor, options.Bounds.MinDistanceFactor);
        Assert.Equal(GradientAttackOptions.DefaultMinTrainingDistanceFactor, options.Bounds.MinTrainingDistanceFactor);
        Assert.Equal((GradientAttackOptions.ModelSurfaceSteps, GradientAttackOptions.DefaultLearningRate, AttackResultGeometry.Best), (options.Steps, options.LearningRate, options.Result));
        var box = options.Bounds.Box!;
        Assert.Equal(training.Min(s => s.Structure.Positions[0]) - GradientAttackOptions.DefaultBoxMargin, box.XMin, 12);
        Assert.Equal(training.Max(s => s.Structure.Positions[1]) + GradientAttackOptions.DefaultBoxMargin, box.YMax, 12);

        var userBox = AttackBox.Xy(-1.2, 1.2, -1.2, 1.2);
        var explicitOptions = GradientAttackOptions.Default(training, userBox, Temperature.FromKelvin(300));
        Assert.Same(userBox, explicitOptions.Bounds.Box);
        Assert.Equal(300, explicitOptions.Objective.Temperature.Kelvin, 9);
        Assert.Throws<ArgumentException>(() => GradientAttackOptions.Default(new Dataset([training[0]])));
    }

    [Fact]
    public void Default_GivenFactors_ScalesTemperatureAndCeilingByTheSpread()
    {
        var training = DoubleWell2D.InitialTrainingSet();
        double spread = training.Max(s => s.Energy) - training.Min(s => s.Energy);

        var options = GradientAttackOptions.Default(training, temperatureSpreads: 0.5, ceilingSpreads: 3);

        Assert.Equal(0.5 * spread, options.Objective.Temperature.KT, 12);
        Assert.Equal(3 * spread, options.Bounds.EnergyCeiling!.Value, 12);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Default_MoleculeTrainingData_UsesTheMolecularFactors()
    {
        // docs/reproduction-ammonia.md: on NH3 the model-surface factors (2, 5) labelled far above the barrier, a ceiling of 2 spreads at 1.4× it.
        Assert.Equal((1.0, 1.25), (GradientAttackOptions.MolecularTemperatureFactor, GradientAttackOptions.MolecularCeilingFactor));
        var molecules = new Dataset([new LabelledSample(AdversarialSampling.Tests.Models.TestStructures.Ammonia(), -4.0), new LabelledSample(AdversarialSampling.Tests.Models.TestStructures.Ammonia(), -3.5)]);
        var surface = DoubleWell2D.InitialTrainingSet();

        var options = GradientAttackOptions.Default(molecules);

        Assert.Equal((1.0, 1.25), GradientAttackOptions.DefaultSpreadFactors(molecules));
        Assert.Equal((2.0, 5.0), GradientAttackOptions.DefaultSpreadFactors(surface));
        Assert.Equal(0.5, options.Objective.Temperature.KT, 12);
        Assert.Equal(0.625, options.Bounds.EnergyCeiling!.Value, 12);
        Assert.Equal(1.5, GradientAttackOptions.Default(molecules, ceilingSpreads: 3).Bounds.EnergyCeiling!.Value, 12);

        // Step counts by system kind: 100 for molecules (NH3), 150 for one-particle model surfaces (2D double well).
        Assert.Equal(GradientAttackOptions.DefaultSteps, options.Steps);
        Assert.Equal(GradientAttackOptions.DefaultSteps, GradientAttackOptions.DefaultStepCount(molecules));
        Assert.Equal(GradientAttackOptions.ModelSurfaceSteps, GradientAttackOptions.DefaultStepCount(surface));
        Assert.Equal(GradientAttackOptions.ModelSurfaceSteps, GradientAttackOptions.Default(surface).Steps);

        // Soft modes by system kind: the softest internal mode for molecules (NH3), every coordinate for model surfaces
        // and periodic materials.
        Assert.Equal(1, GradientAttackOptions.MolecularSoftModes);
        Assert.Equal(GradientAttackOptions.MolecularSoftModes, options.SoftModes);
        Assert.Null(GradientAttackOptions.Default(surface).SoftModes);
        var cell = new UnitCell([10, 0, 0, 0, 10, 0, 0, 0, 10], [true, true, true]);
        var crystal = new Dataset([.. molecules.Select(s => new LabelledSample(s.Structure.WithCell(cell), s.Energy))]);
        Assert.Null(GradientAttackOptions.DefaultSoftModes(crystal));
        Assert.Null(GradientAttackOptions.Default(crystal).SoftModes);
    }

    [Theory]
    [InlineData(0, 5, "temperatureSpreads")]
    [InlineData(double.NaN, 5, "temperatureSpreads")]
    [InlineData(2, -1, "ceilingSpreads")]
    [InlineData(2, double.PositiveInfinity, "ceilingSpreads")]
    public void Default_FactorNotPositiveAndFinite_ThrowsNamingIt(double temperatureSpreads, double ceilingSpreads, string name)
    {
        var e = Assert.Throws<ArgumentException>(() => GradientAttackOptions.Default(DoubleWell2D.InitialTrainingSet(), temperatureSpreads: temperatureSpreads, ceilingSpreads: ceilingSpreads));
        Assert.Equal(name, e.ParamName);
        Assert.Contains("must be positive and finite", e.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<(int I, int J)> Pairs() => [(0, 1), (0, 2), (1, 2)];

    private static double MaxComponentShift(AtomicStructure a, AtomicStructure b)
        => a.Positions.Zip(b.Positions, (p, q) => Math.Abs(p - q)).Max();

    private static double[] TorchSharpPredict(ICommitteeModel model, IReadOnlyList<AtomicStructure> structures)
    {
        var (energies, _) = TestSupport.TensorTestHelpers.Evaluate(model, structures);
        int b = structures.Count;
        return [.. Enumerable.Range(0, b).Select(i => Enumerable.Range(0, model.MemberCount).Average(m => energies[(m * b) + i]))];
    }
}
