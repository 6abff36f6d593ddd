using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using static AdversarialSampling.Tests.Selection.CandidateSelectorRuleTests;

namespace AdversarialSampling.Tests.Selection;

public class CandidateSelectorTests
{
    private static readonly double[] TrainingScores = [0.3, 1.7, 0.05, 2.2, 0.9, 4.1, 0.6, 1.1, 3.3, 0.2];

    [Fact]
    public void Select_PercentileThreshold_UsesNumpysEightiethPercentileOfTraining()
    {
        var options = BaseOptions with { Threshold = null };
        var candidates = new SelectionCandidate?[] { new(At(5), 2.43), new(At(6), 2.41) };
        var result = new CandidateSelector(options).Select(candidates, UncertaintyUnit.ForceVariance, Training, TrainingScores);

        Assert.Equal(2.4200000000000004, result.Threshold.Value, 12);
        Assert.Equal(UncertaintyUnit.ForceVariance, result.Threshold.Unit);
        Assert.Equal("80th percentile of 10 training values", result.ThresholdSource);
        Assert.Equal(DecisionReason.Accepted, result.Decisions[0].Reason);
        Assert.Equal("below threshold: score 2.41 < 2.42 eV²/Å²", result.Decisions[1].Explanation);
        Assert.All(result.Decisions, d => Assert.Equal(2.4200000000000004, d.Threshold, 12));
    }

    [Fact]
    public void Select_DefaultOptions_FollowThePaper()
    {
        var o = new SelectionOptions();
        Assert.Equal((80.0, 0.1, 0.1, DedupMode.SingleLinkage, 20, CapMode.Random, 0, RmsdMode.Kabsch), (o.Percentile, o.DistanceToTraining, o.DistanceBetweenCandidates, o.Dedup, o.Cap, o.CapMode, o.Seed, o.RmsdMode));
        Assert.Null(o.Threshold);
    }

    [Fact]
    public void Select_ThresholdInWrongUnit_ThrowsNamingBothUnits()
    {
        var options = BaseOptions with { Threshold = UncertaintyThreshold.EnergyVariance(0.01) };
        var selector = new CandidateSelector(options);
        var ex = Assert.Throws<ArgumentException>(() => selector.Select([new SelectionCandidate(At(5), 2)], new ForceVariance(), Training));
        Assert.Contains("eV² (energy variance)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("eV²/Å² (force variance)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ForceVariance", ex.Message, StringComparison.Ordinal);

        var ex2 = Assert.Throws<ArgumentException>(() => selector.Select([new SelectionCandidate(At(5), 2)], UncertaintyUnit.EnergyPerAtomVariance, Training));
        Assert.Contains("(eV/atom)²", ex2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_NoThresholdSource_Throws()
    {
        var selector = new CandidateSelector(BaseOptions with { Threshold = null });
        var ex = Assert.Throws<ArgumentException>(() => selector.Select([new SelectionCandidate(At(5), 2)], UncertaintyUnit.ForceVariance, Training));
        Assert.Contains("trainingScores", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var bad = new SelectionOptions { Percentile = 120, DistanceToTraining = -1, DistanceBetweenCandidates = double.NaN, Cap = -3 };
        var ex = Assert.Throws<ArgumentException>(() => new CandidateSelector(bad));
        foreach (var name in new[] { "Percentile", "DistanceToTraining", "DistanceBetweenCandidates", "Cap" })
        {
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Select_NullCandidate_IsReportedInvalid()
    {
        var result = new CandidateSelector(BaseOptions).Select([null, new SelectionCandidate(At(5), 2)], UncertaintyUnit.ForceVariance, Training);
        Assert.Equal(DecisionReason.Invalid, result.Decisions[0].Reason);
        Assert.Equal("invalid: no candidate (null)", result.Decisions[0].Explanation);
        Assert.True(double.IsNaN(result.Decisions[0].Score));
        Assert.Equal(1, Assert.Single(result.AcceptedIndices));
    }

    [Fact]
    public void Select_AtomsTooClose_IsInvalidWithDistance()
    {
        var squeezed = new AtomicStructure([1, 1], [0, 0, 0, 0.125, 0, 0]);
        var options = BaseOptions with { MinimumInteratomicDistance = 0.5 };
        var result = new CandidateSelector(options).Select([new SelectionCandidate(squeezed, 2, "gen1/seed3")], UncertaintyUnit.ForceVariance, Training);
        var d = Assert.Single(result.Decisions);
        Assert.Equal(DecisionReason.Invalid, d.Reason);
        Assert.Equal("invalid: atoms 0 and 1 are 0.125 Å apart (minimum 0.5 Å)", d.Explanation);
        Assert.Equal("candidate 0 (gen1/seed3): invalid: atoms 0 and 1 are 0.125 Å apart (minimum 0.5 Å)", d.ToString());
    }

    [Fact]
    public void Select_CandidateIds_AppearInDuplicateReasons()
    {
        var candidates = new SelectionCandidate?[] { new(At(5), 2, "a"), new(At(5.125), 3, "b") };
        var result = new CandidateSelector(BaseOptions).Select(candidates, UncertaintyUnit.ForceVariance, Training);
        Assert.Equal("duplicate of candidate 1 (b) at RMSD 0.125 Å", result.Decisions[0].Explanation);
        Assert.Equal("a", result.Decisions[0].Id);
    }

    [Fact]
    public void Select_RandomCap_IsDeterministicForASeedAndKeepsCap()
    {
        var candidates = Enumerable.Range(0, 30).Select(i => (SelectionCandidate?)new SelectionCandidate(At(10 + i), 2 + i)).ToList();
        int[] Run(int seed) => [.. new CandidateSelector(BaseOptions with { Cap = 5, Seed = seed }).Select(candidates, UncertaintyUnit.ForceVariance, Training).AcceptedIndices];

        var first = Run(7);
        Assert.Equal(first, Run(7));
        Assert.Equal(5, first.Length);
        Assert.Equal(first.Order(), first);
        Assert.NotEqual(first, Run(8));
        Assert.NotEqual([25, 26, 27, 28, 29], first);

        var result = new CandidateSelector(BaseOptions with { Cap = 5, Seed = 7 }).Select(candidates, UncertaintyUnit.ForceVariance, Training);
        Assert.Equal(25, result.Count(DecisionReason.Capped));
        Assert.All(result.Decisions.Where(d => d.Reason == DecisionReason.Capped), d => Assert.EndsWith("5 of 30 eligible kept (random, seed 7)", d.Explanation, StringComparison.Ordinal));
    }

    [Fact]
    public void Select_MixedBatch_GivesEveryCandidateExactlyOneDecision()
    {
        var rng = new Random(3);
        var candidates = Enumerable.Range(0, 60).Select(i => (SelectionCandidate?)(i % 17 == 0
            ? null
            : new SelectionCandidate(At(rng.NextDouble() * 6 - 1, 1 + (i % 2)), i % 11 == 0 ? double.NaN : rng.NextDouble() * 3))).ToList();
        var result = new CandidateSelector(BaseOptions with { Cap = 4 }).Select(candidates, UncertaintyUnit.ForceVariance, Training);

        Assert.Equal(candidates.Count, result.Decisions.Length);
        Assert.Equal(Enumerable.Range(0, candidates.Count), result.Decisions.Select(d => d.Index));
        Assert.Equal(candidates.Count, Enum.GetValues<DecisionReason>().Sum(result.Count));
        Assert.Equal(4, result.Accepted.Length);
        Assert.Equal(result.AcceptedIndices.Select(i => candidates[i]), result.Accepted);
        Assert.All(result.Decisions, d => Assert.False(string.IsNullOrWhiteSpace(d.Explanation)));
        foreach (var reason in new[] { DecisionReason.Invalid, DecisionReason.BelowThreshold, DecisionReason.DuplicateOfTraining, DecisionReason.DuplicateOfCandidate, DecisionReason.Capped })
        {
            Assert.True(result.Count(reason) > 0, $"no {reason} in the mixed batch: {result}");
        }
    }

    [Fact]
    public void Select_MoleculesInKabschMode_RotatedTrainingCopyIsDuplicate()
    {
        double[] nh3 = [0, 0, 0.1, 0.94, 0, -0.27, -0.47, 0.81, -0.27, -0.47, -0.81, -0.27];
        var training = new[] { RmsdTests.Molecule(nh3) };
        var rotated = RmsdTests.Molecule(RmsdTests.RotateAndTranslate(nh3, 0.8, 0.3, (2, 0, 0)));
        var candidates = new SelectionCandidate?[] { new(rotated, 5) };

        var kabsch = new CandidateSelector(BaseOptions with { RmsdMode = RmsdMode.Kabsch }).Select(candidates, UncertaintyUnit.ForceVariance, training);
        var plain = new CandidateSelector(BaseOptions).Select(candidates, UncertaintyUnit.ForceVariance, training);

        Assert.Equal(DecisionReason.DuplicateOfTraining, kabsch.Decisions[0].Reason);
        Assert.True(kabsch.Decisions[0].Rmsd < 1e-10);
        Assert.Equal(DecisionReason.Accepted, plain.Decisions[0].Reason);
    }

    [Fact]
    public void Select_PeriodicCopyShiftedAcrossTheBoundary_IsTrainingDuplicate()
    {
        var cell = UnitCell.Orthorhombic(10, 10, 10);
        var training = new[] { new AtomicStructure([14, 8], [0.02, 5, 5, 3, 3, 3], cell) };
        var candidate = new AtomicStructure([14, 8], [9.98, 5, 5, 3, 3, 3], cell);
        var result = new CandidateSelector(BaseOptions with { RmsdMode = RmsdMode.Kabsch }).Select([new SelectionCandidate(candidate, 5)], UncertaintyUnit.ForceVariance, training);
        Assert.Equal(DecisionReason.DuplicateOfTraining, result.Decisions[0].Reason);
        Assert.Equal(0.04 / Math.Sqrt(2), result.Decisions[0].Rmsd!.Value, 12);
    }

    [Fact]
    public void ToString_Result_SummarisesCounts()
    {
        var candidates = new SelectionCandidate?[] { new(At(5), 2), new(At(6), 0.5), new(At(1), 3) };
        var result = new CandidateSelector(BaseOptions).Select(candidates, UncertaintyUnit.ForceVariance, Training);
        Assert.Equal("accepted 1 of 3 (threshold 1 eV²/Å², explicit threshold); BelowThreshold 1, DuplicateOfTraining 1", result.ToString());
    }
}
