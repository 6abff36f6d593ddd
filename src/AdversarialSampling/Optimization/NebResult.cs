using System.Collections.Immutable;
using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Optimization;

/// <summary>The outcome of a <see cref="NudgedElasticBand"/> run.</summary>
public sealed record NebResult
{
    /// <summary>The band: initial endpoint, the movable images, final endpoint (positions Å).</summary>
    public required ImmutableArray<AtomicStructure> Images { get; init; }

    /// <summary>Energy of every image (eV), same order as <see cref="Images"/>.</summary>
    public required ImmutableArray<double> Energies { get; init; }

    /// <summary>Index (into <see cref="Images"/>) of the highest movable image: the saddle estimate.</summary>
    public required int SaddleIndex { get; init; }

    /// <summary>True when the climbing image was on at the end (then <see cref="Saddle"/> is the climbing image).</summary>
    public required bool Climbing { get; init; }

    /// <summary>Band steps done.</summary>
    public required int Steps { get; init; }

    /// <summary>Potential evaluations done (images × band evaluations, plus the endpoints and their optimisation).</summary>
    public required int Evaluations { get; init; }

    /// <summary>Largest per-atom norm of the band forces at the end (eV/Å), frozen components excluded.</summary>
    public required double MaxForce { get; init; }

    /// <summary>Why the band optimisation stopped.</summary>
    public required OptimizationExitReason ExitReason { get; init; }

    /// <summary>The relaxation of the initial endpoint, when <see cref="NebOptions.EndpointOptimizer"/> was set.</summary>
    public OptimizationResult? InitialRelaxation { get; init; }

    /// <summary>The relaxation of the final endpoint, when <see cref="NebOptions.EndpointOptimizer"/> was set.</summary>
    public OptimizationResult? FinalRelaxation { get; init; }

    /// <summary>True when the band forces reached the tolerance (with the climbing image on, when enabled).</summary>
    public bool Converged => ExitReason == OptimizationExitReason.Converged;

    /// <summary>The saddle estimate: the highest movable image.</summary>
    public AtomicStructure Saddle => Images[SaddleIndex];

    /// <summary>Energy of <see cref="Saddle"/> (eV).</summary>
    public double SaddleEnergy => Energies[SaddleIndex];

    /// <summary>Forward barrier: saddle energy minus the initial endpoint's (eV).</summary>
    public double Barrier => SaddleEnergy - Energies[0];

    /// <summary>Reverse barrier: saddle energy minus the final endpoint's (eV).</summary>
    public double ReverseBarrier => SaddleEnergy - Energies[^1];

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{ExitReason} after {Steps} steps: barrier {Barrier:G6} eV (image {SaddleIndex} of {Images.Length}), fmax {MaxForce:G4} eV/Å");
}
