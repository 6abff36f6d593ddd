using AdversarialSampling.Models;
using static TorchSharp.torch;

namespace AdversarialSampling.Committees;

/// <summary>Scales each member's gradient to an L2 norm of at most a bound, without coupling members.</summary>
internal static class GradientClipper
{
    /// <summary>Clips gradients in place. Parameters owned by no known member (owner −1) are clipped as one group.</summary>
    /// <param name="parameters">Parameters with owners (stacked: member axis first).</param>
    /// <param name="members">Member count M.</param>
    /// <param name="maxNorm">Largest allowed norm per member.</param>
    public static void ClipPerMember(IReadOnlyList<CommitteeParameter> parameters, int members, double maxNorm)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var squares = zeros([members + 1], ScalarType.Float64);
        foreach (var p in parameters)
        {
            var g = p.Parameter.grad;
            if (g is null)
            {
                continue;
            }

            if (p.IsStacked)
            {
                squares[..members].PlusInPlace(g.to_type(ScalarType.Float64).Squared().reshape(members, -1).sum(1));
            }
            else
            {
                int slot = p.Member >= 0 ? p.Member.Value : members;
                squares[slot].PlusInPlace(g.to_type(ScalarType.Float64).Squared().sum());
            }
        }

        var factors = TorchScalars.DividedBy(maxNorm, squares.sqrt().Plus(1e-6)).clamp_max(TorchScalars.One);
        foreach (var p in parameters)
        {
            var g = p.Parameter.grad;
            if (g is null)
            {
                continue;
            }

            if (p.IsStacked)
            {
                long[] shape = [members, .. Enumerable.Repeat(1L, (int)g.dim() - 1)];
                g.mul_(factors[..members].reshape(shape).to_type(g.dtype));
            }
            else
            {
                int slot = p.Member >= 0 ? p.Member.Value : members;
                g.mul_(factors[slot].to_type(g.dtype));
            }
        }
    }
}
