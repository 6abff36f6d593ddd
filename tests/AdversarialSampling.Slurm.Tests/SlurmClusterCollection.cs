namespace AdversarialSampling.Slurm.Tests;

/// <summary>The real-cluster tests share one cluster (and some restart its controller): they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SlurmClusterCollection
{
    public const string Name = "Real SLURM cluster";
}
