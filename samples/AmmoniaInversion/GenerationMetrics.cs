namespace AdversarialSampling.Samples.Ammonia;

/// <summary>One generation of one loop (method, seed), measured.</summary>
public sealed record GenerationMetrics
{
    /// <summary>Method key.</summary>
    public required string Method { get; init; }

    /// <summary>Loop seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Generation (0 = trained on the initial data only).</summary>
    public required int Generation { get; init; }

    /// <summary>Labels acquired beyond the initial data, up to and including this generation.</summary>
    public required int Labels { get; init; }

    /// <summary>Labels acquired in this generation.</summary>
    public required int NewLabels { get; init; }

    /// <summary>xtb energies of this generation's new labels, above the xtb minimum (kcal/mol).</summary>
    public required double[] NewLabelEnergiesKcalPerMol { get; init; }

    /// <summary>Candidates the explorer returned in this generation.</summary>
    public required int Candidates { get; init; }

    /// <summary>Oracle (label phase) seconds of this generation.</summary>
    public required double OracleSeconds { get; init; }

    /// <summary>Oracle failures (failed or gate-rejected labels) of this generation.</summary>
    public required int OracleFailures { get; init; }

    /// <summary>Wall seconds of the generation's loop phases (explore … report).</summary>
    public required double LoopSeconds { get; init; }

    /// <summary>The committee measurements.</summary>
    public required CommitteeMetrics Committee { get; init; }
}
