using System.Globalization;

namespace AdversarialSampling.Optimization;

/// <summary>One step of an optimisation, as reported to an <see cref="IProgress{T}"/>.</summary>
/// <param name="Step">Step number (0 = the starting point).</param>
/// <param name="Energy">Energy (eV): of the structure, or of the highest image of a band.</param>
/// <param name="MaxForce">Largest per-atom force norm (eV/Å), frozen components excluded (for a band: of the band forces).</param>
public sealed record OptimizationProgress(int Step, double Energy, double MaxForce)
{
    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"step {Step}: E {Energy:G10} eV, fmax {MaxForce:G4} eV/Å");
}
