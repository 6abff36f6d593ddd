using System.Globalization;
using AdversarialSampling.Dynamics;

namespace AdversarialSampling.Explorers;

/// <summary>What happened to one trajectory of an <see cref="MdExplorer"/> run.</summary>
/// <param name="SeedIndex">Index of the seed in the input list.</param>
/// <param name="Replica">Replica of that seed (0-based).</param>
/// <param name="ExitReason">How it ended: <see cref="MdExitReason.Completed"/>, <see cref="MdExitReason.Unstable"/> (exploded:
/// the stability check failed), <see cref="MdExitReason.NonFinite"/>, or <see cref="MdExitReason.Stopped"/> (enough frames collected).</param>
/// <param name="StepsDone">Steps integrated.</param>
/// <param name="Violation">The stability violation that stopped it, or null.</param>
/// <param name="FramesSampled">Frames whose uncertainty was evaluated.</param>
/// <param name="FramesCollected">Frames above the threshold (candidates).</param>
/// <param name="MaxUncertainty">Largest uncertainty of its sampled frames (metric unit; NaN when none was sampled).</param>
/// <param name="EnergyDrift">Drift of the total energy (eV/atom/ps; meaningful for NVE).</param>
public sealed record MdExplorerTrajectory(
    int SeedIndex,
    int Replica,
    MdExitReason ExitReason,
    int StepsDone,
    StabilityViolation? Violation,
    int FramesSampled,
    int FramesCollected,
    double MaxUncertainty,
    double EnergyDrift)
{
    /// <summary>True when the trajectory exploded (stability violation) or became non-finite.</summary>
    public bool Exploded => ExitReason is MdExitReason.Unstable or MdExitReason.NonFinite;

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"seed {SeedIndex}/replica {Replica}: {ExitReason} after {StepsDone} steps, {FramesCollected}/{FramesSampled} frames collected, max u {MaxUncertainty:G4}{(Violation is null ? string.Empty : $" ({Violation})")}");
}
