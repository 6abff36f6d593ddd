using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// K independent dense layers applied side by side (one per committee member): weight [K, in, out], bias
/// [K, 1, out]; input [K, n, in] (or [n, in], shared by all members) → output [K, n, out]; or one member's
/// layer alone (<see cref="Member"/>): input [1, n, in] or [n, in] → [1, n, out]. Xavier-uniform weights drawn
/// from each member's own generator, zero biases.
/// </summary>
internal sealed class StackedLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;

    public StackedLinear(string name, int inputs, int outputs, bool withBias, IReadOnlyList<Generator> generators, ScalarType dtype)
        : base(name)
    {
        double bound = Math.Sqrt(6.0 / (inputs + outputs));
        weight = new Parameter(StackedUniform(generators, [inputs, outputs], bound, dtype));
        if (withBias)
        {
            bias = new Parameter(zeros([generators.Count, 1, outputs], dtype));
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var y = matmul(input, weight);
        return bias is null ? y : y.Plus(bias);
    }

    /// <summary>All members (<paramref name="member"/> null, see <see cref="forward"/>) or member k's layer only (see <see cref="Member"/>).</summary>
    public Tensor Apply(Tensor input, int? member) => member is int k ? Member(input, k) : forward(input);

    /// <summary>Member k's layer only, [1, n, out]; its autograd graph touches no other member.</summary>
    public Tensor Member(Tensor input, int k)
    {
        var y = matmul(input, weight.narrow(0, k, 1));
        return bias is null ? y : y.Plus(bias.narrow(0, k, 1));
    }

    /// <summary>Uniform(−bound, bound) values [K, shape...], member k drawn from generator k (in float64, then cast).</summary>
    internal static Tensor StackedUniform(IReadOnlyList<Generator> generators, long[] shape, double bound, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var slices = generators.Select(g => rand(shape, ScalarType.Float64, generator: g).Times(2).Minus(1).Times(bound)).ToArray();
        return stack(slices).to(dtype).DetachFromDisposeScope();
    }

    /// <summary>Standard normal values [K, shape...], member k drawn from generator k (in float64, then cast).</summary>
    internal static Tensor StackedNormal(IReadOnlyList<Generator> generators, long[] shape, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var slices = generators.Select(g => randn(shape, ScalarType.Float64, generator: g)).ToArray();
        return stack(slices).to(dtype).DetachFromDisposeScope();
    }
}
