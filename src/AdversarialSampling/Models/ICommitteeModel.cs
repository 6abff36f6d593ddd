using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// All M members of a committee as one tensor-level model with a member axis (as TorchANI treats an
/// ensemble): energies [M, B] of a batch. Implementations may evaluate members in one pass (stacked
/// weights, batched matmul) or loop over <see cref="IEnergyModel"/> members. Members never share parameters.
/// </summary>
public interface ICommitteeModel : IDisposable
{
    /// <summary>Number of members M.</summary>
    int MemberCount { get; }

    /// <summary>Floating type of parameters and outputs (float32 by default, float64 by option).</summary>
    ScalarType DType { get; }

    /// <summary>Energies of every member for every structure (eV), [M, B].</summary>
    /// <param name="batch">The batch (positions in Å, batch dtype equal to <see cref="DType"/>).</param>
    /// <returns>Energies [M, B].</returns>
    Tensor MemberEnergies(AtomBatch batch);

    /// <summary>
    /// Energies [M, B] (eV) where member m is evaluated at its own copy of the positions,
    /// <paramref name="memberPositions"/>[m] ([M, A, 3], Å, all copies equal in value). Because each member
    /// depends only on its own copy, one backward pass of Σ E gives every member's forces
    /// (<see cref="CommitteeEvaluator"/> relies on this). The default implementation evaluates the whole
    /// committee once per member (M² work); implementations should override it.
    /// </summary>
    /// <param name="batch">The batch (species, offsets, neighbour lists; its positions are not used).</param>
    /// <param name="memberPositions">Positions per member, [M, A, 3], Å, batch dtype.</param>
    /// <returns>Energies [M, B].</returns>
    Tensor MemberEnergies(AtomBatch batch, Tensor memberPositions)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(memberPositions);
        var original = batch.Positions;
        var rows = new Tensor[MemberCount];
        try
        {
            for (int m = 0; m < MemberCount; m++)
            {
                batch.WithPositions(memberPositions[m]);
                rows[m] = MemberEnergies(batch)[m];
            }
        }
        finally
        {
            batch.WithPositions(original);
        }

        return stack(rows);
    }

    /// <summary>
    /// Which member owns each parameter, so training can keep each member's best-validation weights and
    /// restore one member without touching the others. Null (the default) means unknown: training then
    /// keeps the weights of the epoch with the best summed validation loss for the whole committee.
    /// </summary>
    /// <returns>Every parameter with its owner, or null.</returns>
    IReadOnlyList<CommitteeParameter>? ParameterOwnership() => null;

    /// <summary>Every trainable parameter of every member.</summary>
    /// <returns>Parameters.</returns>
    IEnumerable<TorchSharp.Modules.Parameter> Parameters();

    /// <summary>Sets <c>requires_grad</c> on every parameter (false during attacks: saves a third of the time).</summary>
    /// <param name="trainable">True to train, false to freeze.</param>
    void SetTrainable(bool trainable);

    /// <summary>
    /// Fits data-dependent normalisation (energy shift and scale, per element or global) from training
    /// labels before training. Default: nothing to fit.
    /// </summary>
    /// <param name="training">Training samples (energies in eV).</param>
    void FitNormalization(Dataset training)
    {
    }
}
