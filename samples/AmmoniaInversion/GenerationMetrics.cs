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

    /// <summary>Pyramid height of each geometry labelled in this generation (Å; the xtb minimum has about 0.38 Å, the planar saddle 0).</summary>
    public double[] NewLabelPyramidHeights { get; init; } = [];

    /// <summary>
    /// Adam steps the gradient attack took for each geometry labelled in this generation (empty for other explorers); how
    /// many of those attacks stopped at the energy ceiling is <see cref="NewLabelCeilingExits"/>.
    /// </summary>
    public int[] NewLabelAttackSteps { get; init; } = [];

    /// <summary>Labelled attack geometries of this generation whose attack stopped at the energy ceiling.</summary>
    public int NewLabelCeilingExits { get; init; }

    /// <summary>Candidates the explorer returned in this generation.</summary>
    public required int Candidates { get; init; }

    /// <summary>Oracle (label phase) seconds of this generation.</summary>
    public required double OracleSeconds { get; init; }

    /// <summary>Oracle failures (failed or gate-rejected labels) of this generation.</summary>
    public required int OracleFailures { get; init; }

    /// <summary>Wall seconds of the generation's loop phases (explore … report).</summary>
    public required double LoopSeconds { get; init; }

    /// <summary>
    /// The selection's uncertainty threshold in this generation (eV²/Å² for the force variance: the 80th percentile of the
    /// training set's under the previous committee, from the generation's report; NaN for generation 0, which selects nothing).
    /// </summary>
    public double SelectionThreshold { get; init; } = double.NaN;

    /// <summary>The committee measurements.</summary>
    public required CommitteeMetrics Committee { get; init; }
}
