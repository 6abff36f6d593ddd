namespace AdversarialSampling.Attacks;

/// <summary>
/// Seeded standard-normal draws (Box–Muller over <see cref="Random.NextDouble"/>, two uniforms per value): the
/// same seed gives the same numbers on every machine and thread count, and n values always consume exactly 2n
/// uniforms, so results do not depend on how the draws are grouped into batches.
/// </summary>
internal static class Gaussian
{
    /// <summary>Fills <paramref name="values"/> with independent N(0, σ²) draws.</summary>
    /// <param name="rng">The generator.</param>
    /// <param name="values">Destination.</param>
    /// <param name="std">Standard deviation σ.</param>
    public static void Fill(Random rng, Span<double> values, double std)
    {
        for (int k = 0; k < values.Length; k++)
        {
            double u1 = 1.0 - rng.NextDouble();
            double u2 = rng.NextDouble();
            values[k] = std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
