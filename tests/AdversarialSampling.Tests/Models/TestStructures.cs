using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Models;

/// <summary>Small deterministic structures for model conformance tests.</summary>
internal static class TestStructures
{
    /// <summary>Pyramidal ammonia (N–H 1.02 Å, pyramid height 0.38 Å), slightly distorted so no symmetry hides errors.</summary>
    public static AtomicStructure Ammonia() => new(
        [7, 1, 1, 1],
        [0.01, -0.02, 0.0, 0.95, 0.02, 0.38, -0.47, 0.82, 0.37, -0.48, -0.81, 0.39]);

    /// <summary>A random 8-atom C/H/O molecule in a 3.2 Å box with all distances ≥ 0.9 Å.</summary>
    public static AtomicStructure RandomMolecule(int seed = 1) => RandomStructure([6, 6, 8, 1, 1, 1, 1, 8], 3.2, 0.9, seed, null);

    /// <summary>Six atoms in a 4.2 × 4.6 × 5.0 Å orthorhombic cell (cutoffs above half the cell give self-images).</summary>
    public static AtomicStructure Orthorhombic(int seed = 2) => RandomStructure([14, 8, 8, 14, 8, 8], 4.2, 1.4, seed, UnitCell.Orthorhombic(4.2, 4.6, 5.0));

    /// <summary>Four atoms in a small triclinic cell (heights about 3.5 Å, below the 4 Å test cutoff, so atoms see their own images).</summary>
    public static AtomicStructure Triclinic(int seed = 3) => RandomStructure([18, 10, 10, 18], 3.5, 1.5, seed, new UnitCell([3.6, 0, 0, 0.9, 3.5, 0, -0.5, 0.7, 3.9]));

    /// <summary>The same periodic structure with every atom moved by a different whole lattice vector.</summary>
    public static AtomicStructure ShiftByLatticeVectors(AtomicStructure s, int seed)
    {
        var rng = new Random(seed);
        var v = s.Cell!.Vectors;
        var p = s.Positions.ToArray();
        for (int a = 0; a < s.AtomCount; a++)
        {
            int n0 = rng.Next(-2, 3), n1 = rng.Next(-2, 3), n2 = rng.Next(-2, 3);
            for (int c = 0; c < 3; c++)
            {
                p[3 * a + c] += n0 * v[c] + n1 * v[3 + c] + n2 * v[6 + c];
            }
        }

        return s.WithPositions(p);
    }

    /// <summary>Random positions in a cube of side <paramref name="box"/> with a minimum distance (rejection sampling; minimum image in cells).</summary>
    public static AtomicStructure RandomStructure(int[] numbers, double box, double minDistance, int seed, UnitCell? cell)
    {
        var rng = new Random(seed);
        var positions = new List<double>();
        while (positions.Count < 3 * numbers.Length)
        {
            double[] candidate = [box * rng.NextDouble(), box * rng.NextDouble(), box * rng.NextDouble()];
            var trial = new AtomicStructure(numbers[..(positions.Count / 3 + 1)], [.. positions, .. candidate], cell);
            int last = positions.Count / 3;
            if (Enumerable.Range(0, last).All(i => trial.Distance(i, last) >= minDistance))
            {
                positions.AddRange(candidate);
            }
        }

        return new AtomicStructure(numbers, positions, cell);
    }

    /// <summary>Positions rotated by a rotation matrix (row-major 3×3, applied as x' = R x) and translated.</summary>
    public static double[] Transform(IReadOnlyList<double> flat, double[] rotation, double[] translation)
    {
        var result = new double[flat.Count];
        for (int a = 0; a < flat.Count / 3; a++)
        {
            for (int r = 0; r < 3; r++)
            {
                result[3 * a + r] = translation[r]
                    + rotation[3 * r] * flat[3 * a] + rotation[3 * r + 1] * flat[3 * a + 1] + rotation[3 * r + 2] * flat[3 * a + 2];
            }
        }

        return result;
    }

    /// <summary>A rotation matrix (row-major) about a unit axis by an angle (rad), Rodrigues' formula.</summary>
    public static double[] Rotation(double ax, double ay, double az, double angle)
    {
        double n = Math.Sqrt(ax * ax + ay * ay + az * az);
        ax /= n;
        ay /= n;
        az /= n;
        double c = Math.Cos(angle), s = Math.Sin(angle), t = 1 - c;
        return
        [
            t * ax * ax + c, t * ax * ay - s * az, t * ax * az + s * ay,
            t * ax * ay + s * az, t * ay * ay + c, t * ay * az - s * ax,
            t * ax * az - s * ay, t * ay * az + s * ax, t * az * az + c,
        ];
    }
}
