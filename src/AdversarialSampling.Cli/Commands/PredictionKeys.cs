using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Cli.Commands;

/// <summary>The committee keys that <c>predict</c> (and later <c>attack</c>) add to a frame; a stable CLI contract.</summary>
internal static class PredictionKeys
{
    /// <summary>Per-frame member-mean energy (eV).</summary>
    public const string Energy = "committee_energy";

    /// <summary>Per-frame member variance of the energy (eV², unbiased).</summary>
    public const string EnergyVariance = "committee_energy_var";

    /// <summary>Per-frame force variance, mean over atoms and components (eV²/Å², unbiased).</summary>
    public const string ForceVariance = "committee_force_var";

    /// <summary>Per-frame largest per-atom force variance (eV²/Å², unbiased; per atom = mean over x, y, z).</summary>
    public const string ForceVarianceMax = "committee_force_var_max";

    /// <summary>Per-atom member-mean forces (eV/Å, R:3).</summary>
    public const string Forces = "committee_forces";

    /// <summary>The frame with the prediction keys added (existing keys of the same names are replaced).</summary>
    /// <param name="frame">Input frame; its keys are kept.</param>
    /// <param name="prediction">The committee's prediction for its structure.</param>
    /// <returns>The annotated frame.</returns>
    public static ExtendedXyzFrame Add(ExtendedXyzFrame frame, StructurePrediction prediction)
    {
        var info = frame.Info
            .SetItem(Energy, prediction.MeanEnergy)
            .SetItem(EnergyVariance, new EnergyVariance().Evaluate(prediction))
            .SetItem(ForceVariance, new ForceVariance().Evaluate(prediction))
            .SetItem(ForceVarianceMax, new MaxAtomForceVariance().Evaluate(prediction));
        var arrays = frame.Arrays.SetItem(Forces, PerAtomProperty.FromReals(3, prediction.MeanForces));
        return new ExtendedXyzFrame(frame.Structure, info, arrays);
    }
}
