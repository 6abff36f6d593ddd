using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// K SchNet members evaluated side by side (K = 1 for a single member): element embedding, Gaussian radial
/// basis with a cosine cutoff, <see cref="SchNetSpec.Interactions"/> interaction blocks, atom-wise readout,
/// per-element scale and shift, sum per structure. Output energies [K, B] (eV).
/// </summary>
internal sealed class SchNetNetwork : nn.Module
{
    private readonly Parameter embedding;
    private readonly ModuleList<SchNetInteraction> interactions;
    private readonly StackedLinear readout1;
    private readonly StackedLinear readout2;
    private readonly Parameter shift;
    private readonly Parameter scale;
    private readonly double cutoffRadius;
    private readonly int gaussians;
    private readonly double gaussianCoefficient;

    /// <summary>Creates K members, member k initialised from <paramref name="generators"/>[k] in a fixed layer order.</summary>
    public SchNetNetwork(string name, SchNetSpec spec, IReadOnlyList<Generator> generators, ScalarType dtype)
        : base(name)
    {
        MemberCount = generators.Count;
        DType = dtype;
        cutoffRadius = spec.Cutoff;
        gaussians = spec.Gaussians;
        double spacing = spec.Cutoff / (spec.Gaussians - 1);
        gaussianCoefficient = -0.5 / (spacing * spacing);
        embedding = new Parameter(StackedLinear.StackedNormal(generators, [spec.MaxAtomicNumber + 1, spec.Features], dtype));
        interactions = new ModuleList<SchNetInteraction>();
        for (int t = 0; t < spec.Interactions; t++)
        {
            interactions.Add(new SchNetInteraction($"interaction{t}", spec, generators, dtype));
        }

        readout1 = new StackedLinear(nameof(readout1), spec.Features, spec.ReadoutWidth, true, generators, dtype);
        readout2 = new StackedLinear(nameof(readout2), spec.ReadoutWidth, 1, true, generators, dtype);
        shift = new Parameter(zeros([MemberCount, spec.MaxAtomicNumber + 1], dtype));
        scale = new Parameter(ones([MemberCount, spec.MaxAtomicNumber + 1], dtype));
        RegisterComponents();
    }

    public int MemberCount { get; }

    public ScalarType DType { get; }

    /// <summary>
    /// Energies [K, B] (eV) of the batch, differentiable (twice) with respect to the positions. Either all
    /// members in one stacked pass, or member by member with sliced weights (each member's autograd graph then
    /// holds only its own operations).
    /// </summary>
    /// <param name="batch">The batch (species, structure index, neighbour list).</param>
    /// <param name="memberPositions">
    /// Null to evaluate every member at <see cref="AtomBatch.Positions"/> ([A, 3]; the pair geometry is then
    /// computed once and shared), or one copy per member, [K, A, 3] (member k reads only row k, so one backward
    /// pass of Σ E gives every member's forces).
    /// </param>
    /// <param name="perMember">True for member-by-member evaluation, false for one stacked pass.</param>
    public Tensor Energies(AtomBatch batch, Tensor? memberPositions, bool perMember)
    {
        var pairs = batch.GetNeighbors(cutoffRadius);
        var positions = memberPositions ?? batch.Positions;
        int atomAxis = (int)positions.dim() - 2;
        var r = (positions.index_select(atomAxis, pairs.Target) - positions.index_select(atomAxis, pairs.Source)).Plus(pairs.Shifts);
        var d = SafeNorm(r.Squared().sum(-1));
        var centers = linspace(0, cutoffRadius, gaussians, DType, positions.device);
        var rbf = exp((d.unsqueeze(-1) - centers).Squared().Times(gaussianCoefficient));

        // Cosine cutoff: value and slope vanish at the cutoff; pairs that moved beyond it since the list was built contribute 0.
        using var radius = TorchScalars.Of(cutoffRadius);
        var fcut = cos(d.Times(Math.PI / cutoffRadius)).Plus(1.0).Times(0.5) * (d < radius).to(DType);
        var geometry = new PairGeometry(rbf, memberPositions is null ? fcut.unsqueeze(0).unsqueeze(2) : fcut.unsqueeze(2), memberPositions is not null, pairs.Source, pairs.Target);
        if (!perMember)
        {
            return Evaluate(batch, geometry, null);
        }

        using var scope = NewDisposeScope();
        return cat(Enumerable.Range(0, MemberCount).Select(k => Evaluate(batch, geometry, k)).ToArray(), 0).MoveToOuterDisposeScope();
    }

    private Tensor Evaluate(AtomBatch batch, PairGeometry geometry, int? member)
    {
        var z = batch.AtomicNumbers;
        var h = Slice(embedding, member).index_select(1, z);
        var rbf = geometry.PerMember ? Slice(geometry.Rbf, member) : geometry.Rbf;
        var cutoff = geometry.PerMember ? Slice(geometry.Cutoff, member) : geometry.Cutoff;
        foreach (var block in interactions)
        {
            h = h.Plus(block.Update(h, rbf, cutoff, geometry.Source, geometry.Target, member));
        }

        var atomOut = readout2.Apply(ShiftedSoftplus.Apply(readout1.Apply(h, member)), member).squeeze(-1);
        var atomEnergy = (Slice(scale, member).index_select(1, z) * atomOut).Plus(Slice(shift, member).index_select(1, z));
        return zeros([atomEnergy.shape[0], batch.StructureCount], DType, atomEnergy.device).index_add(1, batch.StructureIndex, atomEnergy, TorchScalars.One);
    }

    /// <summary>
    /// √(r²) with finite first and second derivatives everywhere: a pair at zero distance (two atoms at one point)
    /// has distance 0 and zero gradient instead of 0/0 = NaN (and ∞ in the double backward). The square root only
    /// sees positive inputs (zero entries are replaced by 1 and masked out again), so no infinite intermediate can
    /// meet a zero mask. Elsewhere exactly √(r²).
    /// </summary>
    internal static Tensor SafeNorm(Tensor squared)
    {
        var positive = squared > TorchScalars.IntZero;
        return where(positive, where(positive, squared, ones_like(squared)).sqrt(), zeros_like(squared));
    }

    private static Tensor Slice(Tensor stacked, int? member) => member is int k ? stacked.narrow(0, k, 1) : stacked;

    /// <summary>
    /// Per-pair inputs: radial basis [P, G] and cutoff [1, P, 1] shared by all members, or [K, P, G] and
    /// [K, P, 1] with one row per member (<see cref="PerMember"/>); pair atoms i and j [P].
    /// </summary>
    private sealed record PairGeometry(Tensor Rbf, Tensor Cutoff, bool PerMember, Tensor Source, Tensor Target);

    /// <summary>Sets every member's per-element shift and scale (eV per atom; length MaxAtomicNumber + 1).</summary>
    public void SetNormalization(double[] shifts, double[] scales)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        shift.copy_(tensor(shifts, ScalarType.Float64).to(DType).expand(MemberCount, -1));
        scale.copy_(tensor(scales, ScalarType.Float64).to(DType).expand(MemberCount, -1));
    }

    /// <summary>Member k's per-element shift and scale (indexed by Z).</summary>
    public (double[] Shifts, double[] Scales) Normalization(int member)
    {
        using var scope = NewDisposeScope();
        return (
            shift[member].detach().to(ScalarType.Float64).data<double>().ToArray(),
            scale[member].detach().to(ScalarType.Float64).data<double>().ToArray());
    }
}
