namespace AdversarialSampling.Structures;

/// <summary>Small geometric helpers shared by structures, potentials and selection.</summary>
public static class Geometry
{
    /// <summary>
    /// Minimum-image convention for a displacement vector (Å) in a cell: wraps the fractional components of
    /// periodic axes into [−0.5, 0.5). Exact for displacements shorter than half the smallest cell height.
    /// </summary>
    /// <param name="cell">The cell.</param>
    /// <param name="dx">Displacement x (Å).</param>
    /// <param name="dy">Displacement y (Å).</param>
    /// <param name="dz">Displacement z (Å).</param>
    /// <returns>The wrapped displacement (Å).</returns>
    public static (double X, double Y, double Z) MinimumImage(UnitCell cell, double dx, double dy, double dz)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var inv = cell.Inverse();
        var m = cell.Vectors;
        Span<double> f = stackalloc double[3];
        for (int k = 0; k < 3; k++)
        {
            f[k] = dx * inv[k] + dy * inv[3 + k] + dz * inv[6 + k];
            if (cell.Periodic[k])
            {
                f[k] -= Math.Floor(f[k] + 0.5);
            }
        }

        return (
            f[0] * m[0] + f[1] * m[3] + f[2] * m[6],
            f[0] * m[1] + f[1] * m[4] + f[2] * m[7],
            f[0] * m[2] + f[1] * m[5] + f[2] * m[8]);
    }
}
