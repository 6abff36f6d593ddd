namespace AdversarialSampling.Loop;

/// <summary>What the explore phase committed: every candidate, and the seeds' uncertainty.</summary>
internal sealed record ExplorePayload
{
    public required IReadOnlyList<ExploreCandidate> Candidates { get; init; }

    public int Seeds { get; init; }

    public double? SeedsMedian { get; init; }

    public TimeSpan Elapsed { get; init; }
}
