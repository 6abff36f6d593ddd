using static TorchSharp.torch;

namespace AdversarialSampling.Uncertainty;

/// <summary>
/// An uncertainty metric that also works on committee outputs as tensors, differentiably, for the attack
/// (whose objective needs ∂u/∂x through forces that are themselves gradients). Both overloads compute the
/// same quantity in the same unit; the plain one is for selection and reports.
/// </summary>
public interface IDifferentiableUncertaintyMetric : IUncertaintyMetric
{
    /// <summary>
    /// The uncertainty of every structure of a batch, differentiable with respect to whatever the inputs
    /// depend on (positions, through forces computed with <c>create_graph</c>). Create it inside a dispose
    /// scope; the caller owns the result.
    /// </summary>
    /// <param name="memberEnergies">Member energies [M, B] (eV).</param>
    /// <param name="memberForces">Member forces [M, A, 3] (eV/Å), atoms of all structures concatenated.</param>
    /// <param name="structureIndex">Structure of each atom, [A], int64, values in [0, B).</param>
    /// <param name="structureCount">Number of structures B.</param>
    /// <returns>Uncertainty [B] in <see cref="IUncertaintyMetric.Unit"/>, dtype of the inputs.</returns>
    Tensor Evaluate(Tensor memberEnergies, Tensor memberForces, Tensor structureIndex, int structureCount);
}
