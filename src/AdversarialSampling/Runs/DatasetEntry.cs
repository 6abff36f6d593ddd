using AdversarialSampling.Structures;

namespace AdversarialSampling.Runs;

/// <summary>One member of a generation's training dataset, with where it came from (N5).</summary>
/// <param name="Sample">The labelled sample (its metadata is stored with it).</param>
/// <param name="Origin">Where it came from, e.g. "initial", "adversarial".</param>
/// <param name="Replication">How many times it enters the training split (≥ 1); default 1.</param>
/// <param name="OracleKey">The oracle-call key that labelled it, or null (e.g. initial data).</param>
/// <param name="SourceGeneration">The generation whose candidate it was, or null.</param>
/// <param name="CandidateIndex">The candidate index in <paramref name="SourceGeneration"/>, or null.</param>
public sealed record DatasetEntry(
    LabelledSample Sample,
    string Origin,
    int Replication = 1,
    string? OracleKey = null,
    int? SourceGeneration = null,
    int? CandidateIndex = null);
