using System.Collections.Immutable;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Dynamics;

/// <summary>The outcome of a <see cref="MolecularDynamics"/> run.</summary>
public sealed record MdResult
{
    /// <summary>The recorded frames (step 0, every <see cref="MdOptions.SampleInterval"/>-th step and the last step), in time order.</summary>
    public required ImmutableArray<MdFrame> Frames { get; init; }

    /// <summary>Steps done (the last recorded step; fewer than requested when the run stopped early).</summary>
    public required int StepsDone { get; init; }

    /// <summary>Why the run stopped.</summary>
    public required MdExitReason ExitReason { get; init; }

    /// <summary>The last (finite) structure; species, cell and constraints as the input.</summary>
    public required AtomicStructure FinalStructure { get; init; }

    /// <summary>Velocities of the final structure (Å/fs, flat N×3).</summary>
    public required ImmutableArray<double> FinalVelocities { get; init; }

    /// <summary>Forces on the final structure (eV/Å, flat N×3, as the potential returned them).</summary>
    public required ImmutableArray<double> FinalForces { get; init; }

    /// <summary>
    /// Energy drift (eV/atom/ps): the slope of a least-squares line through the recorded total energies against time,
    /// divided by the number of atoms (all atoms, frozen ones included). Signed; meaningful for NVE runs (a Langevin
    /// run exchanges energy with its bath). 0 with fewer than two frames.
    /// </summary>
    public required double EnergyDrift { get; init; }

    /// <summary>Largest |E_total(t) − E_total(0)| over the recorded frames (eV).</summary>
    public required double MaxEnergyDeviation { get; init; }

    /// <summary>The first stability violation found, or null (also null when no checker was set).</summary>
    public StabilityViolation? Violation { get; init; }

    /// <summary>Step of <see cref="Violation"/>, or null.</summary>
    public int? ViolationStep { get; init; }

    /// <summary>Time of <see cref="Violation"/> (fs), or null.</summary>
    public double? ViolationTimeFs { get; init; }

    /// <summary>Frames written to <see cref="MdOptions.TrajectoryPath"/> (0 without a trajectory file).</summary>
    public int TrajectoryFramesWritten { get; init; }

    /// <summary>True when the checker found no violation and every value stayed finite.</summary>
    public bool IsStable => Violation is null && ExitReason != MdExitReason.NonFinite;

    /// <summary>Mean temperature (K) of the recorded frames at or after <paramref name="fromTimeFs"/>; NaN when there are none.</summary>
    /// <param name="fromTimeFs">Start of the averaging window (fs), e.g. half the run to skip equilibration.</param>
    /// <returns>Mean temperature (K).</returns>
    public double MeanTemperature(double fromTimeFs = 0)
    {
        var window = Frames.Where(f => f.TimeFs >= fromTimeFs).ToArray();
        return window.Length == 0 ? double.NaN : window.Average(f => f.TemperatureK);
    }
}
