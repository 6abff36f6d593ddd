using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>The coordinate-MLP layer stack shared by both layouts (matmul batches over a leading member axis).</summary>
internal static class MlpLayers
{
    /// <summary>
    /// h ← h·W_l + b_l with shifted softplus between layers. Per member: x [..., in], W [in, out], b [out].
    /// Stacked: x [M, B, in], W [M, in, out], b [M, 1, out] (matmul is then a batched product).
    /// </summary>
    /// <returns>Raw outputs [..., 1].</returns>
    public static Tensor Forward(Tensor x, IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> biases)
    {
        var h = x;
        for (int l = 0; l < weights.Count; l++)
        {
            h = h.matmul(weights[l]) + biases[l];
            if (l < weights.Count - 1)
            {
                h = ShiftedSoftplus.Apply(h);
            }
        }

        return h;
    }
}
