using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Runs;

/// <summary>
/// One candidate of a generation (N4, N5): where it came from, how selection decided, and how labelling ended.
/// </summary>
public sealed record CandidateRecord
{
    /// <summary>Generation index (≥ 0).</summary>
    public required int Generation { get; init; }

    /// <summary>Index of the candidate within its generation (≥ 0, unique).</summary>
    public required int Index { get; init; }

    /// <summary>The candidate structure (Å).</summary>
    public required AtomicStructure Structure { get; init; }

    /// <summary>Its <see cref="OracleCallKey"/> value, when computed.</summary>
    public string? Key { get; init; }

    /// <summary>Provenance as JSON: attack settings, seed index, attack exit, ... (default "{}").</summary>
    public string ProvenanceJson { get; init; } = "{}";

    /// <summary>Selection score (uncertainty, in the metric's unit), or null (a NaN score is stored as null).</summary>
    public double? Score { get; init; }

    /// <summary>Selection decision, e.g. "Accepted", "BelowThreshold".</summary>
    public required string Decision { get; init; }

    /// <summary>Human-readable reason of the decision, or null.</summary>
    public string? Reason { get; init; }

    /// <summary>How labelling ended, or null when the candidate was not (yet) labelled.</summary>
    public LabelStatus? LabelStatus { get; init; }

    /// <summary>The failure kind when labelling failed or a gate rejected it; otherwise null.</summary>
    public OracleFailureKind? LabelFailureKind { get; init; }

    /// <summary>The labelling message (failure reason, or the key it duplicates); otherwise null.</summary>
    public string? LabelMessage { get; init; }
}
