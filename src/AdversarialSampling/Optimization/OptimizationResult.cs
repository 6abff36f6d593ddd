using System.Collections.Immutable;
using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Optimization;

/// <summary>The outcome of a structure optimisation.</summary>
public sealed record OptimizationResult
{
    /// <summary>The final (last finite) structure; species, cell and constraints as the input.</summary>
    public required AtomicStructure Structure { get; init; }

    /// <summary>Energy of <see cref="Structure"/> (eV).</summary>
    public required double Energy { get; init; }

    /// <summary>Forces on <see cref="Structure"/> (eV/Å, flat N×3) with frozen components set to 0.</summary>
    public required ImmutableArray<double> Forces { get; init; }

    /// <summary>Largest per-atom force norm of <see cref="Forces"/> (eV/Å).</summary>
    public required double MaxForce { get; init; }

    /// <summary>Position updates done.</summary>
    public required int Steps { get; init; }

    /// <summary>Potential evaluations done.</summary>
    public required int Evaluations { get; init; }

    /// <summary>Why the optimisation stopped.</summary>
    public required OptimizationExitReason ExitReason { get; init; }

    /// <summary>True when the force tolerance was reached.</summary>
    public bool Converged => ExitReason == OptimizationExitReason.Converged;

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{ExitReason} after {Steps} steps: E {Energy:G10} eV, fmax {MaxForce:G4} eV/Å");
}
