using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// The tensor-level contract for one differentiable potential (one committee member): total energies of a
/// batch as a function of its positions tensor. Bring any TorchSharp module that implements this and the
/// committee, the attack and molecular dynamics accept it (wrap members with
/// <see cref="ICommitteeModel"/>). Forces are −∂E/∂positions by autograd, so the energy must be
/// differentiable (twice, for the attack) with respect to <see cref="AtomBatch.Positions"/>.
/// </summary>
/// <remarks>
/// Rules: read positions only from <see cref="AtomBatch.Positions"/> ([A, 3], Å, model dtype) and keep the
/// computation differentiable (no detach, no arrays, no caching of position-dependent tensors across calls);
/// return total energies [B] in eV in batch order; own your parameters (never share a tensor with another
/// member) and create them outside dispose scopes; to be saved by <see cref="Committees.CommitteeStore"/>,
/// derive from <c>torch.nn.Module</c> and register every parameter and normalisation buffer. Group members
/// with <see cref="MemberCommitteeModel"/>; evaluate energies and forces with <see cref="CommitteeEvaluator"/>.
/// See docs/models-and-committees.md.
/// </remarks>
public interface IEnergyModel
{
    /// <summary>Total energy of each structure (eV), [B], in the batch dtype.</summary>
    /// <param name="batch">The batch (positions in Å).</param>
    /// <returns>Energies [B].</returns>
    Tensor Energies(AtomBatch batch);

    /// <summary>The trainable parameters of this member.</summary>
    /// <returns>Parameters.</returns>
    IEnumerable<TorchSharp.Modules.Parameter> Parameters();

    /// <summary>
    /// Fits data-dependent normalisation (energy shift and scale) from training labels before training.
    /// Default: nothing to fit.
    /// </summary>
    /// <param name="training">Training samples (energies in eV, forces in eV/Å).</param>
    void FitNormalization(Dataset training)
    {
    }
}
