using AdversarialSampling.Structures;
using MathNet.Numerics.LinearAlgebra;

namespace AdversarialSampling.Selection;

/// <summary>
/// Root-mean-square deviation between two structures whose atoms correspond one to one (same atomic numbers
/// in the same order), in Å: sqrt((1/N) Σ_i |a_i − b_i|²), after Kabsch alignment or plain.
/// Structures that cannot be compared atom by atom (different atom count, species order, periodicity or cell)
/// are at +∞: they are never duplicates of each other.
/// </summary>
public static class Rmsd
{
    /// <summary>
    /// The RMSD used by selection (Å). Periodic structures always use the plain minimum-image RMSD (a rotation
    /// would move the cell); finite ones use <paramref name="mode"/>.
    /// </summary>
    /// <param name="a">First structure.</param>
    /// <param name="b">Second structure.</param>
    /// <param name="mode">Kabsch (default, molecules) or plain (fixed frame).</param>
    /// <returns>The RMSD in Å, 0 for structures without atoms, +∞ if the structures are not comparable.</returns>
    public static double Compute(AtomicStructure a, AtomicStructure b, RmsdMode mode = RmsdMode.Kabsch)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Between(new PreparedStructure(a), new PreparedStructure(b), mode);
    }

    /// <summary>
    /// Kabsch-aligned RMSD (Å): both structures are centred on their centroids and <paramref name="a"/> is
    /// rotated by the proper rotation (det = +1; a reflection is never used, so a mirror image of a chiral
    /// structure is not a duplicate) that minimises the RMSD, found by the SVD of the 3×3 covariance matrix.
    /// Cells are ignored.
    /// </summary>
    /// <param name="a">First structure.</param>
    /// <param name="b">Second structure.</param>
    /// <returns>The RMSD in Å, +∞ if atom counts or species order differ.</returns>
    public static double Kabsch(AtomicStructure a, AtomicStructure b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.AtomCount != b.AtomCount || !a.AtomicNumbers.SequenceEqual(b.AtomicNumbers))
        {
            return double.PositiveInfinity;
        }

        return KabschCentered(new PreparedStructure(a).Centered, new PreparedStructure(b).Centered);
    }

    /// <summary>
    /// Plain RMSD without alignment (Å), using the minimum image along periodic axes of <paramref name="a"/>'s
    /// cell when <paramref name="a"/> is periodic.
    /// </summary>
    /// <param name="a">First structure.</param>
    /// <param name="b">Second structure.</param>
    /// <returns>The RMSD in Å, +∞ if atom counts or species order differ.</returns>
    public static double Plain(AtomicStructure a, AtomicStructure b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.AtomCount != b.AtomCount || !a.AtomicNumbers.SequenceEqual(b.AtomicNumbers))
        {
            return double.PositiveInfinity;
        }

        return PlainUnchecked(a, b);
    }

    /// <summary>The selection RMSD between prepared structures (see <see cref="Compute"/>).</summary>
    internal static double Between(PreparedStructure a, PreparedStructure b, RmsdMode mode, double cutoff = double.PositiveInfinity)
    {
        if (!a.IsComparableTo(b))
        {
            return double.PositiveInfinity;
        }

        if (a.Structure.IsPeriodic || mode == RmsdMode.Plain)
        {
            return PlainUnchecked(a.Structure, b.Structure);
        }

        // Rotations keep norms, so |Rg(a) − Rg(b)| is a lower bound of the aligned RMSD: skip the SVD when it already exceeds the cutoff.
        return Math.Abs(a.RadiusOfGyration - b.RadiusOfGyration) > cutoff
            ? double.PositiveInfinity
            : KabschCentered(a.Centered, b.Centered);
    }

    private static double PlainUnchecked(AtomicStructure a, AtomicStructure b)
    {
        int n = a.AtomCount;
        if (n == 0)
        {
            return 0;
        }

        double ss = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = b.Positions[3 * i] - a.Positions[3 * i];
            double dy = b.Positions[3 * i + 1] - a.Positions[3 * i + 1];
            double dz = b.Positions[3 * i + 2] - a.Positions[3 * i + 2];
            if (a.IsPeriodic)
            {
                (dx, dy, dz) = Geometry.MinimumImage(a.Cell!, dx, dy, dz);
            }

            ss += dx * dx + dy * dy + dz * dz;
        }

        return Math.Sqrt(ss / n);
    }

    /// <summary>Kabsch RMSD of two centred coordinate sets of equal length (flat N×3).</summary>
    private static double KabschCentered(double[] p, double[] q)
    {
        int n = p.Length / 3;
        if (n == 0)
        {
            return 0;
        }

        // Covariance H = Σ_i p_i q_iᵀ; H = U S Vᵀ; the best proper rotation is R = V diag(1, 1, d) Uᵀ, d = sign det(V Uᵀ).
        var h = Matrix<double>.Build.Dense(3, 3);
        for (int i = 0; i < n; i++)
        {
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    h[r, c] += p[3 * i + r] * q[3 * i + c];
                }
            }
        }

        var svd = h.Svd(computeVectors: true);
        var v = svd.VT.Transpose();
        var ut = svd.U.Transpose();
        double d = (v * ut).Determinant() < 0 ? -1 : 1;
        var correction = Matrix<double>.Build.DenseDiagonal(3, 3, 1.0);
        correction[2, 2] = d;
        var rotation = v * correction * ut;

        double ss = 0;
        for (int i = 0; i < n; i++)
        {
            for (int r = 0; r < 3; r++)
            {
                double rotated = rotation[r, 0] * p[3 * i] + rotation[r, 1] * p[3 * i + 1] + rotation[r, 2] * p[3 * i + 2];
                double diff = rotated - q[3 * i + r];
                ss += diff * diff;
            }
        }

        return Math.Sqrt(ss / n);
    }
}
