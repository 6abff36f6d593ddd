using System.Collections.Immutable;
using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;

namespace AdversarialSampling.Loop;

/// <summary>What the label phase committed besides the candidates' label states.</summary>
internal sealed record LabelPayload
{
    public ImmutableSortedDictionary<LabelStatus, int> Outcomes { get; init; } = ImmutableSortedDictionary<LabelStatus, int>.Empty;

    public ImmutableSortedDictionary<OracleFailureKind, int> Failures { get; init; } = ImmutableSortedDictionary<OracleFailureKind, int>.Empty;

    public double FailureRatio { get; init; }

    public bool Exceeded { get; init; }

    public TimeSpan Elapsed { get; init; }
}
