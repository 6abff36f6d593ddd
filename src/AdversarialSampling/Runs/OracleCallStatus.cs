namespace AdversarialSampling.Runs;

/// <summary>State of an oracle call in the ledger.</summary>
public enum OracleCallStatus
{
    /// <summary>
    /// Write-ahead intent: the call was (about to be) started and has no recorded result. After a crash it was in
    /// flight; it is adopted (external jobs) or run again. Also the state after transient (infrastructure) errors.
    /// </summary>
    Intent,

    /// <summary>The oracle succeeded and the result passed the physics gate; it is reused, never paid again.</summary>
    Succeeded,

    /// <summary>The call failed (or was rejected by a gate); the failure is recorded and never reused as a success.</summary>
    Failed,
}
