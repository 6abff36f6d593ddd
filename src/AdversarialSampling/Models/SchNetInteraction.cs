using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// One SchNet interaction block for K stacked members: continuous-filter convolution
/// m_i = Σ_j in2f(h)_j ⊙ W(r_ij) with the filter W = Dense(ssp(Dense(rbf))) · f_cut(r_ij), then
/// Dense(ssp(Dense(m))) as the residual update of h.
/// </summary>
internal sealed class SchNetInteraction : nn.Module
{
    private readonly StackedLinear in2f;
    private readonly StackedLinear filter1;
    private readonly StackedLinear filter2;
    private readonly StackedLinear f2out;
    private readonly StackedLinear dense;

    public SchNetInteraction(string name, SchNetSpec spec, IReadOnlyList<Generator> generators, ScalarType dtype)
        : base(name)
    {
        in2f = new StackedLinear(nameof(in2f), spec.Features, spec.FilterWidth, false, generators, dtype);
        filter1 = new StackedLinear(nameof(filter1), spec.Gaussians, spec.FilterWidth, true, generators, dtype);
        filter2 = new StackedLinear(nameof(filter2), spec.FilterWidth, spec.FilterWidth, true, generators, dtype);
        f2out = new StackedLinear(nameof(f2out), spec.FilterWidth, spec.Features, true, generators, dtype);
        dense = new StackedLinear(nameof(dense), spec.Features, spec.Features, true, generators, dtype);
        RegisterComponents();
    }

    /// <summary>The update Δh, [K, A, F] for all members or [1, A, F] for one.</summary>
    /// <param name="h">Atom features [K, A, F].</param>
    /// <param name="rbf">Radial basis of every pair, [P, G] (shared by the members) or [K, P, G] (one row per member).</param>
    /// <param name="cutoff">Cutoff function of every pair, [1, P, 1] or [K, P, 1].</param>
    /// <param name="source">Atom i of every pair [P] (receives the message).</param>
    /// <param name="target">Atom j of every pair [P] (sends the message).</param>
    /// <param name="member">Null for all members, else the one member to evaluate.</param>
    public Tensor Update(Tensor h, Tensor rbf, Tensor cutoff, Tensor source, Tensor target, int? member)
    {
        var x = in2f.Apply(h, member);
        var w = filter2.Apply(ShiftedSoftplus.Apply(filter1.Apply(rbf, member)), member) * cutoff;
        var messages = x.index_select(1, target) * w;
        var aggregated = zeros_like(x).index_add(1, source, messages, TorchScalars.One);
        return dense.Apply(ShiftedSoftplus.Apply(f2out.Apply(aggregated, member)), member);
    }
}
