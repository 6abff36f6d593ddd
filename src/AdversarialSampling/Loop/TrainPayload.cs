namespace AdversarialSampling.Loop;

/// <summary>What the train phase committed (with the checkpoint records when checkpointed).</summary>
internal sealed record TrainPayload
{
    public int CommitteeSeed { get; init; }

    public int TrainingSize { get; init; }

    public int ValidationSize { get; init; }

    public int Excluded { get; init; }

    public int Epochs { get; init; }

    /// <summary>One-based epoch of each member's kept weights (empty in stores written before it was recorded).</summary>
    public System.Collections.Immutable.ImmutableArray<int> BestEpochs { get; init; } = [];

    public bool Diverged { get; init; }

    public bool Checkpointed { get; init; }

    public TimeSpan Elapsed { get; init; }
}
