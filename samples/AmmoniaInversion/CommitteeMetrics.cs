namespace AdversarialSampling.Samples.Ammonia;

/// <summary>One committee measured against xtb: its inversion barrier and the NN-MD stability test.</summary>
public sealed record CommitteeMetrics
{
    /// <summary>SHA-256 prefix of the committee's parameters (identical committees are measured once).</summary>
    public required string Checksum { get; init; }

    /// <summary>Committee barrier E(planar, optimised with z frozen) − E(minimum, optimised) (kcal/mol).</summary>
    public required double BarrierKcalPerMol { get; init; }

    /// <summary>Pyramid height of the committee minimum (Å).</summary>
    public required double MinimumPyramidHeight { get; init; }

    /// <summary>Both optimisations converged (largest force ≤ 5e-3 eV/Å).</summary>
    public required bool OptimisationsConverged { get; init; }

    /// <summary>Whether the NN-MD stability test was run on this committee (the stability fields are NaN otherwise).</summary>
    public required bool StabilityMeasured { get; init; }

    /// <summary>Stable fraction of the NVE trajectories at 0.5 fs.</summary>
    public required double StableFraction { get; init; }

    /// <summary>Stable fraction at 1 fs.</summary>
    public required double StableFraction1Fs { get; init; }

    /// <summary>Trajectories per time step.</summary>
    public required int Trajectories { get; init; }

    /// <summary>Median |energy drift| of the stable 0.5 fs trajectories (eV/atom/ps; NaN when none is stable).</summary>
    public required double MedianAbsDrift { get; init; }

    /// <summary>Median |energy drift| of the stable 1 fs trajectories (eV/atom/ps).</summary>
    public required double MedianAbsDrift1Fs { get; init; }

    /// <summary>Median max |E_tot(t) − E_tot(0)| of the stable 0.5 fs trajectories (eV).</summary>
    public required double MedianMaxDeviation { get; init; }

    /// <summary>Median max |E_tot(t) − E_tot(0)| of the stable 1 fs trajectories (eV).</summary>
    public required double MedianMaxDeviation1Fs { get; init; }

    /// <summary>Median time of the explosion of the unstable 0.5 fs trajectories (fs; NaN when none exploded).</summary>
    public required double MedianExplosionFs { get; init; }

    /// <summary>
    /// Committee force variance (eV²/Å², mean over atoms and components, unbiased over members: the loop's default
    /// uncertainty) at the committee's own planar saddle (<see cref="BarrierKcalPerMol"/>'s planar structure). Compared with
    /// <see cref="GenerationMetrics.SelectionThreshold"/> it tells whether the committee flags the region whose energy decides
    /// the barrier. NaN in measurements cached before this field existed.
    /// </summary>
    public double SaddleForceVariance { get; init; } = double.NaN;

    /// <summary>Committee force variance at the committee's own minimum (eV²/Å², as <see cref="SaddleForceVariance"/>).</summary>
    public double MinimumForceVariance { get; init; } = double.NaN;

    /// <summary>Committee energy variance at the committee's own planar saddle (eV², unbiased over members).</summary>
    public double SaddleEnergyVariance { get; init; } = double.NaN;

    /// <summary>Committee energy variance at the committee's own minimum (eV², unbiased over members).</summary>
    public double MinimumEnergyVariance { get; init; } = double.NaN;

    /// <summary>Seconds spent measuring.</summary>
    public required double Seconds { get; init; }
}
