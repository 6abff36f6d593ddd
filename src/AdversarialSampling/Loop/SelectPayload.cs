using System.Collections.Immutable;
using AdversarialSampling.Selection;

namespace AdversarialSampling.Loop;

/// <summary>What the select phase committed besides the candidate rows: counts and uncertainty figures.</summary>
internal sealed record SelectPayload
{
    public ImmutableSortedDictionary<DecisionReason, int> ByReason { get; init; } = ImmutableSortedDictionary<DecisionReason, int>.Empty;

    public ImmutableSortedDictionary<string, int> ByExplorer { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    public double? Threshold { get; init; }

    public string? ThresholdSource { get; init; }

    public double? CandidatesMedian { get; init; }

    public double? CandidatesMax { get; init; }

    public double? AcceptedMedian { get; init; }

    public int Accepted { get; init; }

    public TimeSpan Elapsed { get; init; }
}
