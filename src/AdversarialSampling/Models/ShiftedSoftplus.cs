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
        return nn.functional.softplus(x) - Ln2;
    }
}
