using AdversarialSampling.Attacks;
using AdversarialSampling.Structures;

namespace AdversarialSampling;

/// <summary>
/// Generates candidate geometries from seed structures by perturbing them toward high committee
/// uncertainty (gradient ascent on uncertainty × Boltzmann probability, or a baseline such as random
/// displacements). Compute-bound and synchronous; cancellation is honoured between steps.
/// </summary>
public interface IAdversarialAttack
{
    /// <summary>A short name (e.g. "GradientAttack", "RandomDisplacement").</summary>
    string Name { get; }

    /// <summary>Attacks every seed and returns one outcome per seed and start.</summary>
    /// <param name="committee">The committee whose uncertainty is maximised.</param>
    /// <param name="seeds">Seed structures (positions in Å).</param>
    /// <param name="context">Training data (for the partition function) and the random seed.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Outcomes, ordered by seed index then start.</returns>
    IReadOnlyList<AttackOutcome> Attack(
        ICommittee committee,
        IReadOnlyList<AtomicStructure> seeds,
        AttackContext context,
        CancellationToken cancellationToken = default);
}
