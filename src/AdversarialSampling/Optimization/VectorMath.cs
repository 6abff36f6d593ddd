namespace AdversarialSampling.Optimization;

/// <summary>Small dense-vector helpers for the optimisers (flat N×3 vectors).</summary>
internal static class VectorMath
{
    public static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }

    public static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    /// <summary>Largest per-atom norm (√(x² + y² + z²) over consecutive triples).</summary>
    public static double MaxAtomNorm(IReadOnlyList<double> a)
    {
        double max = 0;
        for (int k = 0; k + 2 < a.Count; k += 3)
        {
            max = Math.Max(max, Math.Sqrt(a[k] * a[k] + a[k + 1] * a[k + 1] + a[k + 2] * a[k + 2]));
        }

        return max;
    }

    /// <summary>A copy of <paramref name="forces"/> with the frozen components set to 0.</summary>
    public static double[] Masked(IReadOnlyList<double> forces, bool[] frozen)
    {
        var f = new double[forces.Count];
        for (int k = 0; k < f.Length; k++)
        {
            f[k] = frozen[k] ? 0 : forces[k];
        }

        return f;
    }
}
