using AdversarialSampling.Structures;

namespace AdversarialSampling.Selection;

/// <summary>A structure with its centred coordinates and radius of gyration cached, for repeated RMSD comparisons.</summary>
internal sealed class PreparedStructure
{
    /// <summary>Tolerance on cell vectors (Å) below which two periodic cells count as the same.</summary>
    private const double CellTolerance = 1e-6;

    public PreparedStructure(AtomicStructure structure)
    {
        Structure = structure;
        int n = structure.AtomCount;
        Centered = new double[3 * n];
        double cx = 0, cy = 0, cz = 0;
        for (int i = 0; i < n; i++)
        {
            cx += structure.Positions[3 * i];
            cy += structure.Positions[3 * i + 1];
            cz += structure.Positions[3 * i + 2];
        }

        if (n > 0)
        {
            cx /= n;
            cy /= n;
            cz /= n;
        }

        double ss = 0;
        for (int i = 0; i < n; i++)
        {
            Centered[3 * i] = structure.Positions[3 * i] - cx;
            Centered[3 * i + 1] = structure.Positions[3 * i + 1] - cy;
            Centered[3 * i + 2] = structure.Positions[3 * i + 2] - cz;
            ss += Centered[3 * i] * Centered[3 * i] + Centered[3 * i + 1] * Centered[3 * i + 1] + Centered[3 * i + 2] * Centered[3 * i + 2];
        }

        RadiusOfGyration = n > 0 ? Math.Sqrt(ss / n) : 0;
    }

    /// <summary>The structure.</summary>
    public AtomicStructure Structure { get; }

    /// <summary>Positions minus their centroid, flat N×3 (Å).</summary>
    public double[] Centered { get; }

    /// <summary>Root-mean-square distance of the atoms from their centroid (Å).</summary>
    public double RadiusOfGyration { get; }

    /// <summary>
    /// True if the two structures can be compared atom by atom: same atom count, same atomic numbers in the
    /// same order, and either both finite or both periodic with the same cell (within 1e-6 Å) and periodicity.
    /// </summary>
    public bool IsComparableTo(PreparedStructure other)
    {
        var a = Structure;
        var b = other.Structure;
        if (a.AtomCount != b.AtomCount || !a.AtomicNumbers.SequenceEqual(b.AtomicNumbers) || a.IsPeriodic != b.IsPeriodic)
        {
            return false;
        }

        if (!a.IsPeriodic)
        {
            return true;
        }

        var ca = a.Cell!;
        var cb = b.Cell!;
        return ca.Periodic.SequenceEqual(cb.Periodic)
            && ca.Vectors.Zip(cb.Vectors).All(p => Math.Abs(p.First - p.Second) <= CellTolerance);
    }
}
