using System.Globalization;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>Turns positions into coordinate-MLP inputs: flat N×3 per structure, chosen components.</summary>
internal static class MlpInputs
{
    /// <summary>
    /// Inputs [..., B, in] from positions [..., A, 3] (leading member axis optional), differentiably.
    /// </summary>
    /// <param name="positions">Positions [A, 3] or [M, A, 3] (Å).</param>
    /// <param name="batch">The batch (structure sizes).</param>
    /// <param name="atomCount">Atoms per structure the MLP takes.</param>
    /// <param name="index">Component indices into the flat N×3 array, int64 [in].</param>
    /// <returns>Inputs.</returns>
    /// <exception cref="ArgumentException">A structure has another atom count.</exception>
    public static Tensor Select(Tensor positions, AtomBatch batch, int atomCount, Tensor index)
    {
        for (int b = 0; b < batch.StructureCount; b++)
        {
            int n = batch.AtomOffsets[b + 1] - batch.AtomOffsets[b];
            if (n != atomCount)
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The coordinate MLP takes structures of {atomCount} atom(s); structure {b} of the batch has {n}."));
            }
        }

        long[] shape = [.. positions.shape[..^2], batch.StructureCount, 3L * atomCount];
        return positions.reshape(shape).index_select(shape.Length - 1, index);
    }
}
