using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// Energies and forces of every committee member over a batch in one pass: the member axis is made
/// explicit by giving each member its own copy of the positions ([M, A, 3], see
/// <see cref="ICommitteeModel.MemberEnergies(AtomBatch, Tensor)"/>), so a single backward pass of Σ E
/// yields all member forces F_m = −∂E_m/∂x. Call it inside a dispose scope.
/// </summary>
public static class CommitteeEvaluator
{
    /// <summary>Energies [M, B] and forces [M, A, 3] of a batch.</summary>
    /// <param name="model">The committee model.</param>
    /// <param name="batch">The batch.</param>
    /// <param name="positions">
    /// Positions [A, 3] (Å, model dtype) to evaluate at; default <see cref="AtomBatch.Positions"/>. Pass a
    /// tensor that requires grad (e.g. x + δ) together with <paramref name="createGraph"/> to differentiate
    /// the forces with respect to it (double backpropagation, as the attack does).
    /// </param>
    /// <param name="createGraph">
    /// True to keep the graph of the forces (training on forces, or differentiating a force-based
    /// uncertainty); false for plain evaluation.
    /// </param>
    /// <returns>Energies and forces (forces differentiable only with <paramref name="createGraph"/>).</returns>
    public static CommitteeOutput Evaluate(ICommitteeModel model, AtomBatch batch, Tensor? positions = null, bool createGraph = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        positions ??= batch.Positions;
        int m = model.MemberCount;
        var memberPositions = positions.requires_grad && createGraph
            ? positions.unsqueeze(0).expand(m, -1, -1)
            : positions.detach().unsqueeze(0).repeat(m, 1, 1).requires_grad_(true);
        var energies = model.MemberEnergies(batch, memberPositions);
        var gradient = autograd.grad([energies.sum()], [memberPositions], retain_graph: createGraph, create_graph: createGraph)[0];
        return new CommitteeOutput(energies, gradient.neg());
    }
}
