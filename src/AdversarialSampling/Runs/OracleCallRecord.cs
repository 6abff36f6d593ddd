using System.Collections.Immutable;
using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Runs;

/// <summary>One row of the oracle-call ledger: the call's key, state, input and result or failure.</summary>
public sealed record OracleCallRecord
{
    /// <summary>The <see cref="OracleCallKey"/> value (64 hex digits).</summary>
    public required string Key { get; init; }

    /// <summary>The call's state.</summary>
    public required OracleCallStatus Status { get; init; }

    /// <summary>The oracle identity, <see cref="OracleIdentity.ToCanonicalString"/>.</summary>
    public required string Oracle { get; init; }

    /// <summary>The input structure in canonical atom order (see <see cref="OracleCallKey.ToCanonical"/>), Å.</summary>
    public required AtomicStructure Structure { get; init; }

    /// <summary>Energy (eV) of a succeeded call, or the raw energy of a result the physics gate rejected; otherwise null.</summary>
    public double? Energy { get; init; }

    /// <summary>Forces (eV/Å, flat N×3, canonical atom order) when <see cref="Energy"/> is set and the oracle gave forces; otherwise empty.</summary>
    public ImmutableArray<double> Forces { get; init; } = [];

    /// <summary>Stress (eV/Å³, 3×3 row-major) when the oracle gave one; otherwise empty.</summary>
    public ImmutableArray<double> Stress { get; init; } = [];

    /// <summary>The failure of a failed call, or the last transient error of a call still in <see cref="OracleCallStatus.Intent"/>; otherwise null.</summary>
    public OracleFailure? Failure { get; init; }

    /// <summary>How many times the oracle was invoked for this key (0 for a geometry-gate rejection).</summary>
    public int Attempts { get; init; }

    /// <summary>An external job id (e.g. a SLURM job) recorded for adoption after a restart, or null.</summary>
    public string? ExternalJobId { get; init; }

    /// <summary>When the row was created (UTC).</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>When the row last changed (UTC).</summary>
    public DateTimeOffset UpdatedUtc { get; init; }
}
