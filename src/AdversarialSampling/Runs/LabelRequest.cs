using AdversarialSampling.Structures;

namespace AdversarialSampling.Runs;

/// <summary>One structure to label, with its provenance.</summary>
/// <param name="Structure">The structure (Å), as the oracle will receive it.</param>
/// <param name="Provenance">
/// Provenance metadata copied onto the labelled sample (e.g. generation, seed_index, score, attack settings; see
/// <see cref="MetadataValue"/> for allowed values), or null. The engine adds <c>oracle</c>, <c>oracle_version</c>
/// and <c>oracle_key</c>, which take precedence.
/// </param>
public sealed record LabelRequest(AtomicStructure Structure, IReadOnlyDictionary<string, object>? Provenance = null);
