namespace AdversarialSampling.Oracles;

/// <summary>
/// What the labelling engine knows about one oracle call, handed to oracles that implement
/// <see cref="ICallContextOracle"/>: the call's key (the engine has recorded its intent under it before the call) and
/// a way to record an external job id (e.g. a SLURM job) in the run store, for traceability and adoption after a crash.
/// </summary>
public sealed record OracleCallContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="key">The call's key.</param>
    /// <param name="externalJobId">The external job id recorded for the key by an earlier attempt, or null.</param>
    /// <param name="recordExternalJobId">Records (or, with null, clears) the external job id; may throw when the store cannot be written.</param>
    public OracleCallContext(OracleCallKey key, string? externalJobId, Action<string?> recordExternalJobId)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(recordExternalJobId);
        Key = key;
        ExternalJobId = externalJobId;
        RecordExternalJobId = recordExternalJobId;
    }

    /// <summary>The oracle-call key (as computed by the engine from the oracle's identity and the structure).</summary>
    public OracleCallKey Key { get; }

    /// <summary>The external job id recorded for this key by an earlier attempt (before a crash), or null. A hint only: ids can be reused.</summary>
    public string? ExternalJobId { get; }

    /// <summary>Records (or clears) the external job id of this call in the run store.</summary>
    public Action<string?> RecordExternalJobId { get; }
}
