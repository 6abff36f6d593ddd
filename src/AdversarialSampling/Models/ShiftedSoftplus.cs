using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>The shifted softplus activation ssp(x) = ln(1 + eˣ) − ln 2 (zero at x = 0; SchNet's activation).</summary>
public static class ShiftedSoftplus
{
    /// <summary>ln 2.</summary>
    public const double Ln2 = 0.693147180559945309417232121458;

    /// <summary>Applies ssp elementwise (twice differentiable; uses libtorch's stable softplus).</summary>
    /// <param name="x">Input of any shape.</param>
    /// <returns>ssp(x), same shape and dtype.</returns>
    public static Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);

        // Not `softplus(x) - Ln2`: that converts Ln2 to a temporary TorchSharp Scalar nobody references during the native
        // call, and optimised code lets the GC finalise (free) it while libtorch reads it ("Unknown scalar type",
        // seen once in a long double-well run). Keep the Scalar reachable until the call has returned.
        TorchSharp.Scalar ln2 = Ln2;
        var result = nn.functional.softplus(x).sub(ln2);
        GC.KeepAlive(ln2);
        return result;
    }
}
