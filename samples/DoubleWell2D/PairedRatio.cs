namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>Two methods' energy RMSE (E ≤ 1, eV) on the same seed and generation, and their ratio baseline / method.</summary>
/// <param name="Loop">Loop index.</param>
/// <param name="Seed">The shared seed.</param>
/// <param name="Generation">Generation compared.</param>
/// <param name="Baseline">The baseline's RMSE (eV).</param>
/// <param name="Method">The method's RMSE (eV).</param>
public sealed record PairedRatio(int Loop, int Seed, int Generation, double Baseline, double Method)
{
    /// <summary>Baseline / method: above 1 when the method is better.</summary>
    public double Ratio => Baseline / Method;
}
