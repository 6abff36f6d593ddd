using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Tests.Selection;

/// <summary>
/// Table-driven tests of each selection rule and its reason. Structures are single atoms on the x axis in a fixed
/// frame (plain RMSD = distance); training atoms (hydrogen) sit at x = 0, 1, 2. Unless a case says otherwise:
/// explicit threshold 1 eV²/Å², distance to training 0.25 Å, dedup radius 0.25 Å, single linkage, no cap.
/// </summary>
public class CandidateSelectorRuleTests
{
    private static readonly Dictionary<string, RuleCase> Cases = new RuleCase[]
    {
        new("accepted", [new(5, 2)], o => o, [Accepted("accepted with score 2 eV²/Å²")]),
        new("below threshold", [new(5, 0.5)], o => o, [new(DecisionReason.BelowThreshold, "below threshold: score 0.5 < 1 eV²/Å²")]),
        new("score equal to the threshold is kept", [new(5, 1)], o => o, [Accepted("accepted with score 1 eV²/Å²")]),
        new("duplicate of the nearest training structure", [new(1.125, 2)], o => o, [new(DecisionReason.DuplicateOfTraining, "duplicate of training 1 at RMSD 0.125 Å", 1, 0.125)]),
        new("RMSD equal to the training radius is a duplicate", [new(-0.25, 2)], o => o, [new(DecisionReason.DuplicateOfTraining, "duplicate of training 0 at RMSD 0.25 Å", 0, 0.25)]),
        new("beyond the training radius is kept", [new(2.3125, 2)], o => o, [Accepted("accepted with score 2 eV²/Å²")]),
        new("threshold is checked before training duplicates", [new(1, 0.5)], o => o, [new(DecisionReason.BelowThreshold, "below threshold: score 0.5 < 1 eV²/Å²")]),
        new("another element is never a training duplicate", [new(1, 2, 2)], o => o, [Accepted("accepted with score 2 eV²/Å²")]),
        new("training rule disabled", [new(1, 2)], o => o with { DistanceToTraining = null }, [Accepted("accepted with score 2 eV²/Å²")]),
        new(
            "Kabsch makes every single atom identical",
            [new(5, 2)],
            o => o with { RmsdMode = RmsdMode.Kabsch },
            [new(DecisionReason.DuplicateOfTraining, "duplicate of training 0 at RMSD 0 Å", 0, 0)]),
        new(
            "close candidates keep the higher score",
            [new(5, 2), new(5.125, 3)],
            o => o,
            [new(DecisionReason.DuplicateOfCandidate, "duplicate of candidate 1 at RMSD 0.125 Å", 1, 0.125), Accepted("accepted with score 3 eV²/Å²")]),
        new(
            "equal scores keep the lower index",
            [new(5, 2), new(5.125, 2)],
            o => o,
            [Accepted("accepted with score 2 eV²/Å²"), new(DecisionReason.DuplicateOfCandidate, "duplicate of candidate 0 at RMSD 0.125 Å", 0, 0.125)]),
        new(
            "a chain forms one single-linkage cluster",
            [new(5, 2), new(5.25, 3), new(5.5, 4)],
            o => o,
            [
                new(DecisionReason.ClusterMember, "in the single-linkage cluster of candidate 2 (higher score), RMSD 0.5 Å to it, linked through other candidates within 0.25 Å", 2, 0.5),
                new(DecisionReason.DuplicateOfCandidate, "duplicate of candidate 2 at RMSD 0.25 Å", 2, 0.25),
                Accepted("accepted with score 4 eV²/Å²"),
            ]),
        new(
            "different elements at one place are not duplicates",
            [new(5, 2, 1), new(5, 3, 2)],
            o => o,
            [Accepted("accepted with score 2 eV²/Å²"), Accepted("accepted with score 3 eV²/Å²")]),
        new(
            "no dedup keeps close candidates",
            [new(5, 2), new(5.125, 3)],
            o => o with { Dedup = DedupMode.None },
            [Accepted("accepted with score 2 eV²/Å²"), Accepted("accepted with score 3 eV²/Å²")]),
        new(
            "farthest point starts at the best score and covers the rest",
            [new(5, 1.5), new(5.125, 2), new(7, 3), new(7.125, 1.25)],
            o => o with { Dedup = DedupMode.FarthestPoint },
            [
                Accepted("accepted with score 1.5 eV²/Å²"),
                new(DecisionReason.DuplicateOfCandidate, "duplicate of candidate 0 at RMSD 0.125 Å", 0, 0.125),
                Accepted("accepted with score 3 eV²/Å²"),
                new(DecisionReason.DuplicateOfCandidate, "duplicate of candidate 2 at RMSD 0.125 Å", 2, 0.125),
            ]),
        new(
            "cap by score keeps the top scores",
            [new(5, 2), new(6, 5), new(7, 3), new(8, 4)],
            o => o with { Cap = 2, CapMode = CapMode.ByScore },
            [
                new(DecisionReason.Capped, "capped: score 2 eV²/Å², 2 of 4 eligible kept (by score)"),
                Accepted("accepted with score 5 eV²/Å²"),
                new(DecisionReason.Capped, "capped: score 3 eV²/Å², 2 of 4 eligible kept (by score)"),
                Accepted("accepted with score 4 eV²/Å²"),
            ]),
        new(
            "the cap counts only candidates that passed every rule",
            [new(5, 0.5), new(6, 3), new(7, 2)],
            o => o with { Cap = 1, CapMode = CapMode.ByScore },
            [
                new(DecisionReason.BelowThreshold, "below threshold: score 0.5 < 1 eV²/Å²"),
                Accepted("accepted with score 3 eV²/Å²"),
                new(DecisionReason.Capped, "capped: score 2 eV²/Å², 1 of 2 eligible kept (by score)"),
            ]),
        new(
            "farthest-point cap keeps the candidates farthest from training and from each other",
            [new(5, 2), new(5.5, 3), new(9, 1.5), new(3, 4)],
            o => o with { Cap = 2, CapMode = CapMode.FarthestPoint },
            [
                new(DecisionReason.Capped, "capped: score 2 eV²/Å², RMSD 0.5 Å to the nearest kept or training structure, 2 of 4 eligible kept (farthest point)"),
                Accepted("accepted with score 3 eV²/Å²"),
                Accepted("accepted with score 1.5 eV²/Å²"),
                new(DecisionReason.Capped, "capped: score 4 eV²/Å², RMSD 1 Å to the nearest kept or training structure, 2 of 4 eligible kept (farthest point)"),
            ]),
        new(
            "farthest-point cap breaks distance ties by score",
            [new(4, 2), new(-2, 3)],
            o => o with { Cap = 1, CapMode = CapMode.FarthestPoint },
            [
                new(DecisionReason.Capped, "capped: score 2 eV²/Å², RMSD 2 Å to the nearest kept or training structure, 1 of 2 eligible kept (farthest point)"),
                Accepted("accepted with score 3 eV²/Å²"),
            ]),
        new(
            "farthest-point cap measures training distance even with the training rule off",
            [new(2.5, 4), new(6, 2)],
            o => o with { Cap = 1, CapMode = CapMode.FarthestPoint, DistanceToTraining = null },
            [
                new(DecisionReason.Capped, "capped: score 4 eV²/Å², RMSD 0.5 Å to the nearest kept or training structure, 1 of 2 eligible kept (farthest point)"),
                Accepted("accepted with score 2 eV²/Å²"),
            ]),
        new(
            "a cap not reached changes nothing",
            [new(5, 2), new(6, 3)],
            o => o with { Cap = 2 },
            [Accepted("accepted with score 2 eV²/Å²"), Accepted("accepted with score 3 eV²/Å²")]),
        new(
            "NaN score is invalid, not dropped",
            [new(5, double.NaN), new(6, 2)],
            o => o,
            [new(DecisionReason.Invalid, "invalid: score is NaN"), Accepted("accepted with score 2 eV²/Å²")]),
        new("infinite score is invalid", [new(5, double.PositiveInfinity)], o => o, [new(DecisionReason.Invalid, "invalid: score is Infinity")]),
        new(
            "energy unit appears in reasons",
            [new(5, 0.5)],
            o => o with { Threshold = UncertaintyThreshold.EnergyVariance(1) },
            [new(DecisionReason.BelowThreshold, "below threshold: score 0.5 < 1 eV²")],
            UncertaintyUnit.EnergyVariance),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Select_RuleCase_GivesExpectedDecisions(string name)
    {
        var c = Cases[name];
        var candidates = c.Candidates.Select(p => (SelectionCandidate?)new SelectionCandidate(At(p.X, p.Z), p.Score)).ToList();
        var result = new CandidateSelector(c.Configure(BaseOptions)).Select(candidates, c.Unit, Training);

        Assert.Equal(c.Expected.Length, result.Decisions.Length);
        for (int i = 0; i < c.Expected.Length; i++)
        {
            var d = result.Decisions[i];
            var e = c.Expected[i];
            Assert.Equal(i, d.Index);
            Assert.Equal(e.Reason, d.Reason);
            Assert.Equal(e.Explanation, d.Explanation);
            Assert.Equal(e.Reference, d.ReferenceIndex);
            if (e.Rmsd is { } rmsd)
            {
                Assert.Equal(rmsd, d.Rmsd!.Value, 12);
            }
            else
            {
                Assert.Null(d.Rmsd);
            }
        }

        Assert.Equal(
            Enumerable.Range(0, c.Expected.Length).Where(i => c.Expected[i].Reason == DecisionReason.Accepted),
            result.AcceptedIndices);
    }

    internal static IReadOnlyList<AtomicStructure> Training { get; } = [At(0), At(1), At(2)];

    internal static SelectionOptions BaseOptions { get; } = new()
    {
        RmsdMode = RmsdMode.Plain,
        Threshold = UncertaintyThreshold.ForceVariance(1.0),
        DistanceToTraining = 0.25,
        DistanceBetweenCandidates = 0.25,
        Cap = null,
    };

    internal static AtomicStructure At(double x, int z = 1) => new([z], [x, 0, 0]);

    private static Expected Accepted(string explanation) => new(DecisionReason.Accepted, explanation);

    public sealed record Point(double X, double Score, int Z = 1);

    public sealed record Expected(DecisionReason Reason, string Explanation, int? Reference = null, double? Rmsd = null);

    public sealed record RuleCase(
        string Name,
        Point[] Candidates,
        Func<SelectionOptions, SelectionOptions> Configure,
        Expected[] Expected,
        UncertaintyUnit Unit = UncertaintyUnit.ForceVariance);
}
