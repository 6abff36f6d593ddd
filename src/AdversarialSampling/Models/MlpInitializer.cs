using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// Initial weights of one coordinate-MLP member, shared by both layouts so stacked and per-member
/// committees start from identical numbers: layer by layer, W ~ U(−a, a) with a = √(6 / (in + out))
/// (Xavier/Glorot uniform), drawn in float64 from a <c>torch.Generator</c> seeded with the member seed;
/// biases are zero.
/// </summary>
internal static class MlpInitializer
{
    /// <summary>Row-major [in, out] weights of every layer (float64).</summary>
    /// <param name="sizes">Layer sizes (input … output).</param>
    /// <param name="seed">The member seed (<see cref="MemberSeed.For"/>).</param>
    /// <returns>One array per layer, length sizes[l] × sizes[l + 1].</returns>
    public static double[][] Weights(IReadOnlyList<int> sizes, long seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(unchecked((ulong)seed), CPU);
        var result = new double[sizes.Count - 1][];
        for (int l = 0; l < result.Length; l++)
        {
            int fanIn = sizes[l], fanOut = sizes[l + 1];
            double a = Math.Sqrt(6.0 / (fanIn + fanOut));
            var u = rand([fanIn, fanOut], ScalarType.Float64, CPU, generator: generator);
            result[l] = u.Times(2 * a).Minus(a).data<double>().ToArray();
        }

        return result;
    }
}
