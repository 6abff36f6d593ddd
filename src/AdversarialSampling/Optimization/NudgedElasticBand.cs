using System.Collections.Immutable;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Optimization;

/// <summary>
/// Climbing-image nudged elastic band (Henkelman, Uberuaga and Jónsson, J. Chem. Phys. 113, 9901, 2000) on any
/// <see cref="IPotential"/>: finds the minimum-energy path between two minima, its saddle and the barrier.
/// </summary>
/// <remarks>
/// <para>
/// Tangents: the improved tangent of Henkelman and Jónsson (J. Chem. Phys. 113, 9978, 2000) — towards the higher
/// neighbour, energy-weighted at extrema. Band force on image i: the true force without its component along the
/// tangent, plus the spring force k (|R_{i+1} − R_i| − |R_i − R_{i−1}|) along the tangent; the climbing image
/// (the highest image, re-chosen every step) feels the true force with its tangential component inverted and no
/// spring. The movable images are optimised together with FIRE (<see cref="NebOptions.Band"/>) until the largest
/// per-atom band force is at most the band's f_max, with the climbing image on when enabled.
/// </para>
/// <para>
/// Frozen components (the initial endpoint's <see cref="AtomicStructure.FrozenMask"/>, which every image must share)
/// never move. Images are Cartesian: in periodic cells give endpoints whose positions are unwrapped consistently
/// (no atom jumping across the cell between them). Images of one band step are evaluated with
/// <see cref="IPotential.ComputeBatch"/>, so a committee evaluates the band in one call.
/// </para>
/// </remarks>
public sealed class NudgedElasticBand
{
    /// <summary>Creates the tool.</summary>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public NudgedElasticBand(NebOptions? options = null)
    {
        Options = options ?? new NebOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public NebOptions Options { get; }

    /// <summary>
    /// The linearly interpolated band: <paramref name="initial"/>, <paramref name="images"/> evenly spaced images,
    /// <paramref name="final"/>. Intermediate images take the cell and constraints of <paramref name="initial"/>.
    /// </summary>
    /// <param name="initial">Initial endpoint.</param>
    /// <param name="final">Final endpoint (same species in the same order).</param>
    /// <param name="images">Number of intermediate images (≥ 0).</param>
    /// <returns><paramref name="images"/> + 2 structures.</returns>
    /// <exception cref="ArgumentException">The endpoints have different species.</exception>
    public static ImmutableArray<AtomicStructure> Interpolate(AtomicStructure initial, AtomicStructure final, int images)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(final);
        ArgumentOutOfRangeException.ThrowIfNegative(images);
        CheckSameSpecies(initial, final, 1);
        var band = ImmutableArray.CreateBuilder<AtomicStructure>(images + 2);
        band.Add(initial);
        for (int i = 1; i <= images; i++)
        {
            double t = (double)i / (images + 1);
            var x = new double[initial.Positions.Length];
            for (int k = 0; k < x.Length; k++)
            {
                x[k] = initial.Positions[k] + t * (final.Positions[k] - initial.Positions[k]);
            }

            band.Add(initial.WithPositions(x));
        }

        band.Add(final);
        return band.MoveToImmutable();
    }

    /// <summary>Runs a band between two endpoints (relaxed first when <see cref="NebOptions.EndpointOptimizer"/> is set), interpolated with <see cref="NebOptions.Images"/> images.</summary>
    /// <param name="potential">The potential (energy eV, forces eV/Å).</param>
    /// <param name="initial">Initial endpoint.</param>
    /// <param name="final">Final endpoint (same species, same frozen components).</param>
    /// <param name="progress">Optional: receives every band step (energy of the highest image, largest band force).</param>
    /// <param name="cancellationToken">Cancellation, checked before every band step.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The endpoints differ in species or frozen components.</exception>
    /// <exception cref="InvalidOperationException">An endpoint or the starting band has a non-finite energy or force.</exception>
    public NebResult Run(
        IPotential potential,
        AtomicStructure initial,
        AtomicStructure final,
        IProgress<OptimizationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(final);
        CheckSameSpecies(initial, final, 1);
        return Run(potential, [initial, .. new AtomicStructure[Options.Images], final], progress, cancellationToken);
    }

    /// <summary>Runs a band from a given path (endpoints included; relaxed first when <see cref="NebOptions.EndpointOptimizer"/> is set).</summary>
    /// <param name="potential">The potential.</param>
    /// <param name="path">At least three structures: initial endpoint, movable images, final endpoint. Null movable images are
    /// filled by linear interpolation between the (relaxed) endpoints.</param>
    /// <param name="progress">Optional progress.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">Fewer than three images, or images that differ in species or frozen components.</exception>
    /// <exception cref="InvalidOperationException">An endpoint or the starting band has a non-finite energy or force.</exception>
    public NebResult Run(
        IPotential potential,
        IReadOnlyList<AtomicStructure?> path,
        IProgress<OptimizationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(potential);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Count < 3 || path[0] is null || path[^1] is null)
        {
            throw new ArgumentException($"A band needs at least three images with both endpoints given; found {path.Count}.", nameof(path));
        }

        var (initial, initialEnergy, initialRelaxation) = Endpoint(potential, path[0]!, "initial", cancellationToken);
        var (final, finalEnergy, finalRelaxation) = Endpoint(potential, path[^1]!, "final", cancellationToken);
        var linear = Interpolate(initial, final, path.Count - 2);
        var band = new AtomicStructure[path.Count];
        for (int i = 0; i < band.Length; i++)
        {
            band[i] = i == 0 ? initial : i == band.Length - 1 ? final : path[i] ?? linear[i];
            CheckSameSpecies(initial, band[i], i);
        }

        int endpointEvaluations = (initialRelaxation?.Evaluations ?? 1) + (finalRelaxation?.Evaluations ?? 1);
        var result = new NebBand(potential, Options, band, initialEnergy, finalEnergy).Optimize(progress, cancellationToken);
        return result with
        {
            Evaluations = result.Evaluations + endpointEvaluations,
            InitialRelaxation = initialRelaxation,
            FinalRelaxation = finalRelaxation,
        };
    }

    private (AtomicStructure Structure, double Energy, OptimizationResult? Relaxation) Endpoint(
        IPotential potential, AtomicStructure endpoint, string which, CancellationToken cancellationToken)
    {
        if (Options.EndpointOptimizer is { } optimizer)
        {
            var relaxed = optimizer.Minimize(potential, endpoint, cancellationToken: cancellationToken);
            return (relaxed.Structure, relaxed.Energy, relaxed);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var result = potential.Compute(endpoint, cancellationToken);
        return result.IsFinite
            ? (endpoint, result.Energy, null)
            : throw new InvalidOperationException($"{potential.Name} returned a non-finite energy or force for the {which} endpoint.");
    }

    private static void CheckSameSpecies(AtomicStructure reference, AtomicStructure image, int index)
    {
        if (!reference.AtomicNumbers.SequenceEqual(image.AtomicNumbers))
        {
            throw new ArgumentException($"Image {index} has species {image.Formula()} ({image.AtomCount} atoms) in another order or number than the initial endpoint ({reference.Formula()}); every image must list the same atoms in the same order.");
        }

        if (!reference.FrozenMask().SequenceEqual(image.FrozenMask()))
        {
            throw new ArgumentException($"Image {index} freezes other Cartesian components than the initial endpoint; every image must share the same constraints.");
        }
    }
}
