using System.Collections.Immutable;
using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Runs;

/// <summary>The outcome of a labelling pass: one <see cref="LabelOutcome"/> per request, in request order, and counts.</summary>
public sealed class LabellingResult
{
    internal LabellingResult(LabellingStatus status, ImmutableArray<LabelOutcome> outcomes, OracleFailure? pauseReason, int oracleInvocations)
    {
        Status = status;
        Outcomes = outcomes;
        PauseReason = pauseReason;
        OracleInvocations = oracleInvocations;
        CountsByStatus = Enum.GetValues<LabelStatus>().ToImmutableSortedDictionary(s => s, s => outcomes.Count(o => o.Status == s));
        FailuresByKind = outcomes
            .Where(o => o.Failure is not null && o.Status is LabelStatus.Failed or LabelStatus.GateRejected)
            .GroupBy(o => o.Failure!.Kind)
            .ToImmutableSortedDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>Completed, or paused by infrastructure trouble (see <see cref="PauseReason"/>).</summary>
    public LabellingStatus Status { get; }

    /// <summary>One outcome per request, in request order.</summary>
    public ImmutableArray<LabelOutcome> Outcomes { get; }

    /// <summary>Why the pass paused, or null.</summary>
    public OracleFailure? PauseReason { get; }

    /// <summary>How many times the oracle was invoked in this pass (retries included).</summary>
    public int OracleInvocations { get; }

    /// <summary>Number of requests per outcome (every status present, zeros included).</summary>
    public ImmutableSortedDictionary<LabelStatus, int> CountsByStatus { get; }

    /// <summary>Number of failed and gate-rejected requests per failure kind.</summary>
    public ImmutableSortedDictionary<OracleFailureKind, int> FailuresByKind { get; }

    /// <summary>
    /// Failed plus gate-rejected requests over the requests with a verdict (labelled, reused, failed, gate-rejected;
    /// duplicates and pending ones excluded); 0 when there are none. The loop compares it with its threshold.
    /// </summary>
    public double FailureRatio
    {
        get
        {
            int bad = Count(LabelStatus.Failed) + Count(LabelStatus.GateRejected);
            int decided = bad + Count(LabelStatus.Labelled) + Count(LabelStatus.Reused);
            return decided == 0 ? 0 : (double)bad / decided;
        }
    }

    /// <summary>The labelled samples (labelled and reused requests), in request order.</summary>
    public IReadOnlyList<LabelledSample> Samples => [.. Outcomes.Where(o => o.Sample is not null).Select(o => o.Sample!)];

    /// <summary>Number of requests with a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The count.</returns>
    public int Count(LabelStatus status) => CountsByStatus[status];

    /// <inheritdoc />
    public override string ToString()
        => $"{Status}: " + string.Join(", ", CountsByStatus.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {kv.Key}"))
            + (PauseReason is null ? string.Empty : $" (paused: {PauseReason})");
}
