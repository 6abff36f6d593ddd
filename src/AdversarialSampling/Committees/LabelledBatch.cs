using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Committees;

/// <summary>A minibatch of labelled samples as tensors: the atom batch, energies and (masked) forces.</summary>
internal sealed class LabelledBatch : IDisposable
{
    private LabelledBatch(AtomBatch batch, Tensor energies, Tensor? forces, Tensor? forceMask, long forceComponents)
    {
        Batch = batch;
        Energies = energies;
        Forces = forces;
        ForceMask = forceMask;
        ForceComponents = forceComponents;
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

    /// <summary>Builds the tensors.</summary>
    /// <param name="samples">The samples (at least one).</param>
    /// <param name="dtype">Model dtype.</param>
    /// <returns>The batch (caller disposes, or a dispose scope does).</returns>
    public static LabelledBatch Create(IReadOnlyList<LabelledSample> samples, ScalarType dtype)
    {
        var batch = AtomBatch.FromStructures([.. samples.Select(s => s.Structure)], dtype);
        var energies = AtomBatch.FloatTensor([.. samples.Select(s => s.Energy)], [samples.Count], dtype);
        int atoms = batch.AtomCount;
        if (atoms == 0 || !samples.Any(s => !s.Forces.IsEmpty))
        {
            return new LabelledBatch(batch, energies, null, null, 0);
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
            components);
    }

    /// <summary>Per-member loss w_E·MSE(E) + w_F·MSE(F), [M].</summary>
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
            var squares = (output.Forces - Forces!.unsqueeze(0)).square();
            forceLoss = ForceMask is null ? squares.mean([1, 2]) : (squares * ForceMask.unsqueeze(0)).sum([1, 2]) / ForceComponents;
        }
        else
        {
            energies = model.MemberEnergies(Batch);
        }

        var loss = (energies - Energies.unsqueeze(0)).square().mean([1]) * energyWeight;
        return forceLoss is null ? loss : loss + (forceLoss * forceWeight);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Batch.Dispose();
        Energies.Dispose();
        Forces?.Dispose();
        ForceMask?.Dispose();
    }
}
