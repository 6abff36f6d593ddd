namespace AdversarialSampling.Loop;

/// <summary>What the evaluate phase committed: errors and the next selection threshold.</summary>
internal sealed record EvaluatePayload
{
    public CommitteeErrors? Validation { get; init; }

    public CommitteeErrors? Test { get; init; }

    public double? TrainingMedian { get; init; }

    public double? NextThreshold { get; init; }

    public string? NextThresholdSource { get; init; }

    public TimeSpan Elapsed { get; init; }
}
