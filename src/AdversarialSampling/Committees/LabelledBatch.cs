using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Committees;

/// <summary>A minibatch of labelled samples as tensors: the atom batch, energies and (masked) forces.</summary>
internal sealed class LabelledBatch : IDisposable
{
    private LabelledBatch(AtomBatch batch, Tensor energies, Tensor? forces, Tensor? forceMask, long forceComponents, Tensor? weights, Tensor? atomWeights)
    {
        Batch = batch;
        Energies = energies;
        Forces = forces;
        ForceMask = forceMask;
        ForceComponents = forceComponents;
        Weights = weights;
        AtomWeights = atomWeights;
    }

    /// <summary>The structures.</summary>
    public AtomBatch Batch { get; }

    /// <summary>Labelled energies [B] (eV).</summary>
    public Tensor Energies { get; }

    /// <summary>Labelled forces [A, 3] (eV/Å; zero where absent), or null when no sample has forces.</summary>
    public Tensor? Forces { get; }

    /// <summary>1 for atoms with force labels, else 0, [A, 1]; null with <see cref="Forces"/> or when every atom has force labels.</summary>
    public Tensor? ForceMask { get; }

    /// <summary>Number of labelled force components (3 × labelled atoms).</summary>
    public long ForceComponents { get; }

    /// <summary>Per-sample loss weights [B] (already normalised by the dataset's mean weight), or null for unweighted.</summary>
    public Tensor? Weights { get; }

    /// <summary>Each atom's sample weight [A, 1], or null with <see cref="Weights"/>.</summary>
    public Tensor? AtomWeights { get; }

    /// <summary>Builds the tensors.</summary>
    /// <param name="samples">The samples (at least one).</param>
    /// <param name="dtype">Model dtype.</param>
    /// <param name="weights">Per-sample loss weights (one per sample, normalised so the dataset's mean weight is 1), or null (default) for the unweighted loss.</param>
    /// <returns>The batch (caller disposes, or a dispose scope does).</returns>
    public static LabelledBatch Create(IReadOnlyList<LabelledSample> samples, ScalarType dtype, IReadOnlyList<double>? weights = null)
    {
        var batch = AtomBatch.FromStructures([.. samples.Select(s => s.Structure)], dtype);
        var energies = AtomBatch.FloatTensor([.. samples.Select(s => s.Energy)], [samples.Count], dtype);
        int atoms = batch.AtomCount;
        Tensor? w = null, atomW = null;
        if (weights is not null)
        {
            w = AtomBatch.FloatTensor([.. weights], [samples.Count], dtype);
            var perAtom = new double[atoms];
            for (int b = 0; b < samples.Count; b++)
            {
                Array.Fill(perAtom, weights[b], batch.AtomOffsets[b], samples[b].Structure.AtomCount);
            }

            atomW = AtomBatch.FloatTensor(perAtom, [atoms, 1], dtype);
        }

        if (atoms == 0 || !samples.Any(s => !s.Forces.IsEmpty))
        {
            return new LabelledBatch(batch, energies, null, null, 0, w, atomW);
        }

        var f = new double[atoms * 3];
        var mask = new double[atoms];
        long components = 0;
        for (int b = 0; b < samples.Count; b++)
        {
            var s = samples[b];
            if (s.Forces.IsEmpty)
            {
                continue;
            }

            int offset = batch.AtomOffsets[b];
            s.Forces.CopyTo(f, 3 * offset);
            for (int a = 0; a < s.Structure.AtomCount; a++)
            {
                mask[offset + a] = 1;
            }

            components += s.Forces.Length;
        }

        return new LabelledBatch(
            batch,
            energies,
            AtomBatch.FloatTensor(f, [atoms, 3], dtype),
            components == 3L * atoms ? null : AtomBatch.FloatTensor(mask, [atoms, 1], dtype),
            components,
            w,
            atomW);
    }

    /// <summary>
    /// Per-member loss w_E·MSE(E) + w_F·MSE(F), [M]. With <see cref="Weights"/> each sample's squared errors (its energy
    /// and all its force components) are multiplied by its weight before averaging (the weights are normalised to a
    /// dataset mean of 1, so the loss keeps its scale; all-ones weights give the unweighted loss).
    /// </summary>
    /// <param name="model">The committee model.</param>
    /// <param name="energyWeight">w_E.</param>
    /// <param name="forceWeight">w_F (0: energies only, no force evaluation).</param>
    /// <param name="createGraph">True when the loss will be back-propagated (training).</param>
    /// <returns>Losses [M].</returns>
    public Tensor MemberLoss(ICommitteeModel model, double energyWeight, double forceWeight, bool createGraph)
    {
        bool useForces = forceWeight > 0 && Forces is not null;
        Tensor energies;
        Tensor? forceLoss = null;
        if (useForces)
        {
            var output = CommitteeEvaluator.Evaluate(model, Batch, createGraph: createGraph);
            energies = output.Energies;
            var squares = (output.Forces - Forces!.unsqueeze(0)).Squared();
            if (AtomWeights is not null)
            {
                squares = squares * AtomWeights.unsqueeze(0);
            }

            forceLoss = ForceMask is null ? squares.mean([1, 2]) : (squares * ForceMask.unsqueeze(0)).sum([1, 2]).Over(ForceComponents);
        }
        else
        {
            energies = model.MemberEnergies(Batch);
        }

        var energySquares = (energies - Energies.unsqueeze(0)).Squared();
        if (Weights is not null)
        {
            energySquares = energySquares * Weights.unsqueeze(0);
        }

        var loss = energySquares.mean([1]).Times(energyWeight);
        return forceLoss is null ? loss : loss.Plus(forceLoss.Times(forceWeight));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Batch.Dispose();
        Energies.Dispose();
        Forces?.Dispose();
        ForceMask?.Dispose();
        Weights?.Dispose();
        AtomWeights?.Dispose();
    }
}
