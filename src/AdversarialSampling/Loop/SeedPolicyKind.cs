namespace AdversarialSampling.Loop;

/// <summary>How the loop picks the seed structures an explorer starts from (see <see cref="SeedPolicy"/>).</summary>
public enum SeedPolicyKind
{
    /// <summary>Every structure of the training split (the paper's toy setting).</summary>
    AllTraining,

    /// <summary>The k training structures with the lowest labelled energy (ties by dataset order).</summary>
    LowestEnergy,

    /// <summary>k training structures drawn at random without replacement (seeded per generation).</summary>
    Random,

    /// <summary>
    /// Every training structure as many times as it appears in the replicated training set the committee trains on
    /// (<see cref="AdversarialSampling.Runs.DatasetEntry.Replication"/>: once for initial data, <see cref="RetrainingOptions.ReplicationWeight"/>
    /// times for each new label). The paper's code seeds this way: its attacker iterates over the training data loader,
    /// in which every new label is repeated.
    /// </summary>
    ReplicatedTraining,
}
