using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>The coordinate-MLP layer stack shared by both layouts (matmul batches over a leading member axis).</summary>
internal static class MlpLayers
{
    /// <summary>
    /// h ← h·W_l + b_l with shifted softplus between layers. Per member: x [..., in], W [in, out], b [out].
    /// Stacked: x [M, B, in], W [M, in, out], b [M, 1, out] (a batched product). The bias is added inside the
    /// matrix product (addmm / baddbmm) when the shapes allow: one operation (and autograd node) less per layer.
    /// </summary>
    /// <returns>Raw outputs [..., 1].</returns>
    public static Tensor Forward(Tensor x, IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> biases)
    {
        var h = x;
        for (int l = 0; l < weights.Count; l++)
        {
            h = Affine(h, weights[l], biases[l]);
            if (l < weights.Count - 1)
            {
                h = ShiftedSoftplus.Apply(h);
            }
        }

        return h;
    }

    private static Tensor Affine(Tensor h, Tensor weight, Tensor bias) => (h.dim(), weight.dim()) switch
    {
        (2, 2) => bias.addmm(h, weight),

        // TorchSharp 0.107 maps x.baddbmm(w, b) to b + x·w (its argument order differs from PyTorch's).
        (3, 3) => h.baddbmm(weight, bias),
        _ => h.matmul(weight).Plus(bias),
    };
}
