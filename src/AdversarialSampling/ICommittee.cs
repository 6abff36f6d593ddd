using AdversarialSampling.Committees;
using AdversarialSampling.Structures;

namespace AdversarialSampling;

/// <summary>
/// A committee (ensemble) of M independently initialised potentials trained on the same data. Its
/// per-member disagreement is the uncertainty the adversarial attack maximises. As an
/// <see cref="IPotential"/> it returns the member-mean energy and forces.
/// </summary>
public interface ICommittee : IPotential
{
    /// <summary>Number of members M (default 5 for the library's committees).</summary>
    int MemberCount { get; }

    /// <summary>True once the committee has been trained (or loaded) and can predict.</summary>
    bool IsTrained { get; }

    /// <summary>Per-member energies and forces of a batch of structures.</summary>
    /// <param name="structures">The structures (positions in Å).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Predictions of every member for every structure.</returns>
    CommitteePrediction Predict(IReadOnlyList<AtomicStructure> structures, CancellationToken cancellationToken = default);

    /// <summary>Trains every member on the same data (synchronous, compute-bound).</summary>
    /// <param name="training">Training samples (energies in eV, forces in eV/Å).</param>
    /// <param name="validation">Validation samples for early stopping and model selection; may be empty.</param>
    /// <param name="progress">Optional per-epoch progress.</param>
    /// <param name="cancellationToken">Cancellation, honoured between minibatches.</param>
    /// <returns>A summary of the training.</returns>
    CommitteeTrainingResult Train(
        Dataset training,
        Dataset validation,
        IProgress<CommitteeTrainingProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
