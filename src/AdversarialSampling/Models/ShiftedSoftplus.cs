using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>The shifted softplus activation ssp(x) = ln(1 + eˣ) − ln 2 (zero at x = 0; SchNet's activation).</summary>
public static class ShiftedSoftplus
{
    /// <summary>ln 2.</summary>
    public const double Ln2 = 0.693147180559945309417232121458;

    private static readonly TorchSharp.Scalar Ln2Scalar = TorchScalars.Of(Ln2);

    /// <summary>Applies ssp elementwise (twice differentiable; uses libtorch's stable softplus).</summary>
    /// <param name="x">Input of any shape.</param>
    /// <returns>ssp(x), same shape and dtype.</returns>
    public static Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);

        // Not `softplus(x) - Ln2`: TorchSharp would convert β, the threshold and ln 2 to temporary Scalars that the GC may
        // free during the native call (see TorchScalars).
        return TorchScalars.Softplus(x).sub(Ln2Scalar);
    }
}
