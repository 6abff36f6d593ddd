using System.Collections.Immutable;
using System.Globalization;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Selection;

/// <summary>The outcome of a selection: exactly one decision per candidate, and the accepted candidates.</summary>
public sealed record SelectionResult
{
    /// <summary>One decision per candidate, in input order (<c>Decisions[i].Index == i</c>).</summary>
    public required ImmutableArray<CandidateDecision> Decisions { get; init; }

    /// <summary>The accepted candidates, in input order.</summary>
    public required ImmutableArray<SelectionCandidate> Accepted { get; init; }

    /// <summary>Input indices of <see cref="Accepted"/>, ascending.</summary>
    public required ImmutableArray<int> AcceptedIndices { get; init; }

    /// <summary>The uncertainty threshold applied, with the scores' unit.</summary>
    public required UncertaintyThreshold Threshold { get; init; }

    /// <summary>Where the threshold came from, e.g. "80th percentile of 120 training values" or "explicit threshold".</summary>
    public required string ThresholdSource { get; init; }

    /// <summary>Number of candidates with a given decision.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public int Count(DecisionReason reason) => Decisions.Count(d => d.Reason == reason);

    /// <summary>A one-line summary, e.g. "accepted 3 of 10 (threshold 0.02 eV²/Å², 80th percentile of 50 training values); BelowThreshold 5, Capped 2".</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var rejected = Enum.GetValues<DecisionReason>()
            .Where(r => r != DecisionReason.Accepted && Count(r) > 0)
            .Select(r => $"{r} {Count(r).ToString(CultureInfo.InvariantCulture)}");
        return $"accepted {Accepted.Length.ToString(CultureInfo.InvariantCulture)} of {Decisions.Length.ToString(CultureInfo.InvariantCulture)} (threshold {Threshold}, {ThresholdSource}); {string.Join(", ", rejected)}";
    }
}
