using AdversarialSampling.Structures;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>NH3 geometries: starting guesses, the planar constraint and the pyramid height.</summary>
public static class AmmoniaGeometry
{
    /// <summary>A pyramidal guess: N at the origin, H 0.94 Å out in the plane z = −0.37 Å (N–H 1.01 Å).</summary>
    /// <returns>The structure.</returns>
    public static AtomicStructure Pyramid() => Build(0.94, -0.37);

    /// <summary>A planar guess in z = 0 (N–H 1.0 Å).</summary>
    /// <returns>The structure.</returns>
    public static AtomicStructure Planar() => Build(1.0, 0);

    /// <summary>Every z frozen: an optimisation from a planar structure stays planar (D3h when relaxed).</summary>
    /// <returns>The constraints.</returns>
    public static StructureConstraints KeepPlanar() => StructureConstraints.FixAxes(4, false, false, true);

    /// <summary>Height of the pyramid (Å): distance of N from the plane of the three H atoms.</summary>
    /// <param name="s">An NH3 structure (N first).</param>
    /// <returns>The height.</returns>
    public static double PyramidHeight(AtomicStructure s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (nx, ny, nz) = s.Position(0);
        var h = Enumerable.Range(1, 3).Select(s.Position).ToArray();
        double[] u = [h[1].X - h[0].X, h[1].Y - h[0].Y, h[1].Z - h[0].Z];
        double[] v = [h[2].X - h[0].X, h[2].Y - h[0].Y, h[2].Z - h[0].Z];
        double[] n = [(u[1] * v[2]) - (u[2] * v[1]), (u[2] * v[0]) - (u[0] * v[2]), (u[0] * v[1]) - (u[1] * v[0])];
        double norm = Math.Sqrt((n[0] * n[0]) + (n[1] * n[1]) + (n[2] * n[2]));
        return Math.Abs(((nx - h[0].X) * n[0]) + ((ny - h[0].Y) * n[1]) + ((nz - h[0].Z) * n[2])) / norm;
    }

    private static AtomicStructure Build(double radial, double z)
    {
        var p = new List<double> { 0, 0, 0 };
        for (int i = 0; i < 3; i++)
        {
            double phi = 2 * Math.PI * i / 3;
            p.AddRange([radial * Math.Cos(phi), radial * Math.Sin(phi), z]);
        }

        return new AtomicStructure([7, 1, 1, 1], p);
    }
}
