using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Structures;

public class GeometryTests
{
    public static TheoryData<string> Cells() => ["cubic", "orthorhombic", "hexagonal", "triclinic", "left-handed triclinic", "slab"];

    [Theory]
    [MemberData(nameof(Cells))]
    public void MinimumImage_RandomDisplacements_MatchesBruteForceImageSearch(string name)
    {
        var cell = Cell(name);
        double limit = 0.5 * Enumerable.Range(0, 3).Where(k => cell.Periodic[k]).Min(k => cell.Heights()[k]);
        var rng = new Random(name.Length);
        int compared = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            double dx = 20 * rng.NextDouble() - 10, dy = 20 * rng.NextDouble() - 10, dz = 20 * rng.NextDouble() - 10;
            var (bx, by, bz, bestLength) = BruteForce(cell, dx, dy, dz);
            var (mx, my, mz) = Geometry.MinimumImage(cell, dx, dy, dz);

            AssertIsLatticeTranslate(cell, dx - mx, dy - my, dz - mz);
            Assert.True(Math.Sqrt(mx * mx + my * my + mz * mz) >= bestLength - 1e-9, "nothing shorter than the brute-force minimum");
            if (bestLength < limit)
            {
                // The guarantee: exact whenever the minimum image is within half the smallest periodic height.
                Assert.Equal(bx, mx, 1e-9);
                Assert.Equal(by, my, 1e-9);
                Assert.Equal(bz, mz, 1e-9);
                compared++;
            }
        }

        Assert.True(compared > 20, $"only {compared} displacements were inside the exactness radius");
    }

    [Fact]
    public void MinimumImage_HalfCellDisplacement_WrapsIntoHalfOpenRange()
    {
        var cell = UnitCell.Orthorhombic(10, 10, 10);

        Assert.Equal((-5.0, -5.0, 0.0), Geometry.MinimumImage(cell, 5, 15, 10));
        var (x, y, z) = Geometry.MinimumImage(cell, -5, -25, -5.001);
        Assert.Equal(-5, x, 1e-12);
        Assert.Equal(-5, y, 1e-12);
        Assert.Equal(4.999, z, 1e-12);
    }

    [Fact]
    public void MinimumImage_NonPeriodicAxis_LeftUnwrapped()
    {
        var cell = UnitCell.Orthorhombic(10, 10, 10, [true, false, true]);

        var (x, y, z) = Geometry.MinimumImage(cell, 9, 9, -9);

        Assert.Equal(-1, x, 1e-12);
        Assert.Equal(9, y, 1e-12);
        Assert.Equal(1, z, 1e-12);
    }

    private static UnitCell Cell(string name) => name switch
    {
        "cubic" => UnitCell.Orthorhombic(6, 6, 6),
        "orthorhombic" => UnitCell.Orthorhombic(5, 7, 9),
        "hexagonal" => new UnitCell([6, 0, 0, -3, 3 * Math.Sqrt(3), 0, 0, 0, 8]),
        "triclinic" => new UnitCell([6, 0.5, -0.3, 2.2, 5.5, 0.4, -1.4, 1.7, 6.2]),
        "left-handed triclinic" => new UnitCell([2.2, 5.5, 0.4, 6, 0.5, -0.3, -1.4, 1.7, 6.2]),
        "slab" => new UnitCell([6, 0, 0, 2.5, 6, 0, 0, 0, 20], [true, true, false]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static (double X, double Y, double Z, double Length) BruteForce(UnitCell cell, double dx, double dy, double dz)
    {
        var v = cell.Vectors;
        var best = (X: dx, Y: dy, Z: dz, Length: double.PositiveInfinity);
        int na = cell.Periodic[0] ? 5 : 0, nb = cell.Periodic[1] ? 5 : 0, nc = cell.Periodic[2] ? 5 : 0;
        for (int a = -na; a <= na; a++)
        {
            for (int b = -nb; b <= nb; b++)
            {
                for (int c = -nc; c <= nc; c++)
                {
                    double x = dx + a * v[0] + b * v[3] + c * v[6];
                    double y = dy + a * v[1] + b * v[4] + c * v[7];
                    double z = dz + a * v[2] + b * v[5] + c * v[8];
                    double length = Math.Sqrt(x * x + y * y + z * z);
                    if (length < best.Length)
                    {
                        best = (x, y, z, length);
                    }
                }
            }
        }

        return best;
    }

    private static void AssertIsLatticeTranslate(UnitCell cell, double x, double y, double z)
    {
        var inv = cell.Inverse();
        for (int k = 0; k < 3; k++)
        {
            double f = x * inv[k] + y * inv[3 + k] + z * inv[6 + k];
            Assert.Equal(Math.Round(f), f, 1e-9);
            if (!cell.Periodic[k])
            {
                Assert.Equal(0, f, 1e-9);
            }
        }
    }
}
