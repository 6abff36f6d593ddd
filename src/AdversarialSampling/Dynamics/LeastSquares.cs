namespace AdversarialSampling.Dynamics;

/// <summary>Ordinary least-squares helpers.</summary>
internal static class LeastSquares
{
    /// <summary>Slope of the least-squares line y = a + b x; 0 with fewer than two points or no spread in x.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        if (n < 2)
        {
            return 0;
        }

        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }

        return sxx > 0 ? sxy / sxx : 0;
    }
}
