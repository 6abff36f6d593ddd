using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Runs;

/// <summary>How one label request ended.</summary>
public sealed record LabelOutcome
{
    /// <summary>Index of the request in the batch.</summary>
    public required int RequestIndex { get; init; }

    /// <summary>The request's oracle-call key (<see cref="OracleCallKey.Value"/>).</summary>
    public required string Key { get; init; }

    /// <summary>The outcome.</summary>
    public required LabelStatus Status { get; init; }

    /// <summary>
    /// The labelled sample for <see cref="LabelStatus.Labelled"/> and <see cref="LabelStatus.Reused"/>: the request's
    /// structure (its own atom order and positions), the recorded energy (eV) and forces (eV/Å, mapped to that order),
    /// and the provenance metadata plus <c>oracle</c>, <c>oracle_version</c>, <c>oracle_key</c>. It is built the same
    /// way whether fresh or reused, so a resumed run yields identical samples. Null otherwise.
    /// </summary>
    public LabelledSample? Sample { get; init; }

    /// <summary>The failure for <see cref="LabelStatus.Failed"/> and <see cref="LabelStatus.GateRejected"/>; otherwise null.</summary>
    public OracleFailure? Failure { get; init; }

    /// <summary>True when a recorded failure was reported without calling the oracle again.</summary>
    public bool FailureFromStore { get; init; }

    /// <summary>For <see cref="LabelStatus.DuplicateOfKey"/>: the index of the earlier request with the same key.</summary>
    public int? DuplicateOf { get; init; }
}
