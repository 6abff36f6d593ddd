namespace AdversarialSampling.Loop;

/// <summary>What the merge phase committed besides the dataset rows.</summary>
internal sealed record MergePayload
{
    public int LabelsAdded { get; init; }

    public int DatasetSize { get; init; }

    public TimeSpan Elapsed { get; init; }
}
