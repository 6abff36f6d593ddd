namespace AdversarialSampling.Oracles;

/// <summary>Why an oracle call failed. Failures are data: they are recorded and reported, never trained on.</summary>
public enum OracleFailureKind
{
    /// <summary>The oracle cannot run: missing executable, invalid settings, unsupported element.</summary>
    SetupError,

    /// <summary>The calculation did not converge (e.g. SCF).</summary>
    NonConvergence,

    /// <summary>The call exceeded its time limit.</summary>
    Timeout,

    /// <summary>The program crashed or exited with an error.</summary>
    Crash,

    /// <summary>The result parsed but is unphysical (non-finite, absurd magnitudes).</summary>
    UnphysicalResult,

    /// <summary>The output could not be parsed (missing, truncated, garbage).</summary>
    ParseError,

    /// <summary>Infrastructure trouble (scheduler unreachable, disk full); worth retrying later.</summary>
    Infrastructure,

    /// <summary>The geometry was rejected before the call (non-finite, atoms too close).</summary>
    GeometryRejected,

    /// <summary>The call was cancelled.</summary>
    Cancelled,
}
