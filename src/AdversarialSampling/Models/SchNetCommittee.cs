using AdversarialSampling.Structures;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// A committee of M independently initialised SchNet-style networks (built by <see cref="SchNetSpec.Create"/>).
/// For each member, with pairs (i, j) from the batch's neighbour list (<see cref="SchNetSpec.Cutoff"/>,
/// periodic images included) and r_ij = |x_j − x_i + shift_ij| computed differentiably from
/// <see cref="AtomBatch.Positions"/>:
/// <list type="bullet">
/// <item>h⁰_i = embedding[Z_i] (width <see cref="SchNetSpec.Features"/>);</item>
/// <item>radial basis e_k(r) = exp(−(r − μ_k)² / 2σ²), μ_k evenly on [0, r_c], σ = spacing;
/// cutoff f(r) = ½(cos(π r / r_c) + 1) for r &lt; r_c, else 0 (value and slope continuous at r_c);</item>
/// <item>each interaction block: W_ij = Dense(ssp(Dense(e(r_ij)))) · f(r_ij),
/// m_i = Σ_j Dense(h_j) ⊙ W_ij, h_i ← h_i + Dense(ssp(Dense(m_i))); ssp(x) = ln(1 + eˣ) − ln 2;</item>
/// <item>readout o_i = Dense(ssp(Dense(h_i))) (scalar), E = Σ_i (s_{Z_i} · o_i + b_{Z_i}) (eV).</item>
/// </list>
/// The per-element scale s and shift b are trainable parameters of each member, set by
/// <see cref="FitNormalization"/> (1 and 0 before). Weights are Xavier-uniform, biases zero, embeddings
/// standard normal; member m draws them from its own <c>torch.Generator</c> seeded with <see cref="MemberSeed.For"/>(seed, m), so a member
/// is the same whatever M is. Each parameter is stacked over members ([M, …], member m in row m, as a TorchANI
/// ensemble); members never share values, and <see cref="SchNetSpec.Evaluation"/> chooses between one batched
/// pass and member-by-member evaluation.
/// The energy is twice differentiable with respect to positions (forces and their gradients for the attack);
/// call <see cref="AtomBatch.RefreshNeighbors"/> after large moves (pairs that drift past the cutoff are
/// switched off smoothly, pairs that drift in are only seen after a refresh).
/// </summary>
public sealed class SchNetCommittee : nn.Module, ICommitteeModel
{
    private readonly SchNetNetwork members;

    internal SchNetCommittee(SchNetSpec spec, int memberCount, int seed, ScalarType dtype)
        : base("schnet_committee")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = spec.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SchNet settings: " + string.Join(" ", problems), nameof(spec));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(memberCount, 1);
        if (dtype is not (ScalarType.Float32 or ScalarType.Float64))
        {
            throw new ArgumentException($"The model dtype must be Float32 or Float64; found {dtype}.", nameof(dtype));
        }

        Spec = spec;
        MemberCount = memberCount;
        DType = dtype;
        var generators = Enumerable.Range(0, memberCount).Select(m => new Generator(unchecked((ulong)MemberSeed.For(seed, m)))).ToArray();
        try
        {
            members = new SchNetNetwork(nameof(members), spec, generators, dtype);
        }
        finally
        {
            foreach (var g in generators)
            {
                g.Dispose();
            }
        }

        RegisterComponents();
    }

    /// <summary>The settings this committee was built from.</summary>
    public SchNetSpec Spec { get; }

    /// <inheritdoc />
    public int MemberCount { get; }

    /// <inheritdoc />
    public ScalarType DType { get; }

    /// <inheritdoc />
    public Tensor MemberEnergies(AtomBatch batch)
    {
        CheckBatch(batch);
        return members.Energies(batch, null, EvaluatePerMember(batch.Positions.requires_grad));
    }

    /// <inheritdoc />
    /// <remarks>
    /// The pair geometry (distances, radial basis, cutoff) is computed for every member's copy of the
    /// positions in one pass; the members then run stacked or one by one (<see cref="SchNetSpec.Evaluation"/>).
    /// </remarks>
    public Tensor MemberEnergies(AtomBatch batch, Tensor memberPositions)
    {
        CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(memberPositions);
        if (memberPositions.dim() != 3 || memberPositions.shape[0] != MemberCount || memberPositions.shape[1] != batch.AtomCount || memberPositions.shape[2] != 3)
        {
            throw new ArgumentException($"Member positions must be [{MemberCount}, {batch.AtomCount}, 3]; got [{string.Join(", ", memberPositions.shape)}].", nameof(memberPositions));
        }

        return members.Energies(batch, memberPositions, EvaluatePerMember(gradientsPerMember: false));
    }

    /// <inheritdoc />
    /// <remarks>Every parameter is stacked over members ([M, …], row m is member m).</remarks>
    public IReadOnlyList<CommitteeParameter> ParameterOwnership()
        => [.. parameters().Select(p => new CommitteeParameter(p, null))];

    /// <inheritdoc />
    public IEnumerable<Parameter> Parameters() => parameters();

    /// <inheritdoc />
    public void SetTrainable(bool trainable)
    {
        foreach (var p in parameters())
        {
            p.requires_grad_(trainable);
        }
    }

    /// <summary>
    /// Fits the per-element shift and scale of every member from training labels (replacing the members'
    /// current values). Shift: least squares of the total energies on the element counts, solved around the
    /// mean energy per atom ē (minimum-norm solution for the deviations from ē), so compositions the data
    /// cannot separate — e.g. every structure is NH3, with relative energies — get b_Z = ē for all their
    /// elements instead of an ill-conditioned split; elements absent from the data get ē. Scale (as NequIP):
    /// the root mean square of the training force components on atoms of that element (eV/Å, so predicted
    /// forces start at the data's scale); elements without force data get the RMS over all atoms; without any
    /// forces, the standard deviation of the per-atom energy residuals; 1 if that is zero or undefined.
    /// </summary>
    /// <param name="training">Training samples (energies in eV, forces in eV/Å).</param>
    public void FitNormalization(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var (shifts, scales) = ElementNormalization.Fit(training, Spec.MaxAtomicNumber);
        members.SetNormalization(shifts, scales);
    }

    private void CheckBatch(AtomBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.DType != DType)
        {
            throw new ArgumentException($"The batch dtype {batch.DType} differs from the model dtype {DType}.", nameof(batch));
        }

        for (int b = 0; b < batch.StructureCount; b++)
        {
            int largest = batch.Structures[b].AtomicNumbers.DefaultIfEmpty(0).Max();
            if (largest > Spec.MaxAtomicNumber)
            {
                throw new ArgumentException($"Structure {b} contains element Z = {largest} above the model's MaxAtomicNumber {Spec.MaxAtomicNumber}.", nameof(batch));
            }
        }
    }

    /// <summary>
    /// Per-member evaluation for <see cref="MemberEvaluation.PerMember"/>; for Auto only when a caller will take
    /// per-member gradients with respect to one shared positions tensor (the plain
    /// <see cref="MemberEnergies(AtomBatch)"/> with positions that require grad).
    /// </summary>
    private bool EvaluatePerMember(bool gradientsPerMember) => Spec.Evaluation switch
    {
        MemberEvaluation.Stacked => false,
        MemberEvaluation.PerMember => true,
        _ => MemberCount > 1 && gradientsPerMember,
    };

    /// <summary>The current per-element shift and scale of member m (indexed by Z), for tests and diagnostics.</summary>
    internal (double[] Shifts, double[] Scales) Normalization(int member) => members.Normalization(member);
}
