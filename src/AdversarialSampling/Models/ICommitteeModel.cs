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
