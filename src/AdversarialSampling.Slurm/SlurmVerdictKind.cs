namespace AdversarialSampling.Slurm;

/// <summary>What a waiting call does next, given its job's state and whether its manifest exists.</summary>
internal enum SlurmVerdictKind
{
    /// <summary>The job is alive and wrote no manifest yet: keep waiting.</summary>
    Wait,

    /// <summary>The manifest exists: it decides (the exit code is classified and the outputs parsed by the oracle).</summary>
    Harvest,

    /// <summary>The job ended without a manifest in a state that is a failure of the call.</summary>
    Fail,

    /// <summary>No job is known for the key (never submitted, forgotten, purged) or it completed without a manifest: submit.</summary>
    Submit,
}
