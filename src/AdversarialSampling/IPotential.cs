using AdversarialSampling.Structures;

namespace AdversarialSampling;

/// <summary>
/// A potential-energy surface: energy (eV) and forces (eV/Å) of a structure, in the spirit of an ASE
/// calculator. Implemented by the analytic potentials, by committees (member mean) and by wrappers of
/// external programs. Implementations must be safe to call from one thread at a time; batch calls may be
/// faster than a loop.
/// </summary>
public interface IPotential
{
    /// <summary>A short human-readable name (e.g. "DoubleWell2D", "LennardJones").</summary>
    string Name { get; }

    /// <summary>Energy and forces of one structure.</summary>
    /// <param name="structure">The structure (positions in Å).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Energy (eV) and forces (eV/Å, flat N×3; frozen components are not zeroed here).</returns>
    PotentialResult Compute(AtomicStructure structure, CancellationToken cancellationToken = default);

    /// <summary>Energies and forces of a batch of structures (any sizes), in input order.</summary>
    /// <param name="structures">The structures.</param>
    /// <param name="cancellationToken">Cancellation, checked between structures at least.</param>
    /// <returns>One result per structure.</returns>
    IReadOnlyList<PotentialResult> ComputeBatch(IReadOnlyList<AtomicStructure> structures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(structures);
        var results = new PotentialResult[structures.Count];
        for (int i = 0; i < results.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = Compute(structures[i], cancellationToken);
        }

        return results;
    }
}
