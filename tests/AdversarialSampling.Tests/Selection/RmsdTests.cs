using AdversarialSampling.Selection;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Selection;

public class RmsdTests
{
    // A chiral tetrahedron (no symmetry), N H H H.
    private static readonly double[] Chiral = [0, 0, 0, 1.5, 0, 0, 0, 1.2, 0, 0.3, 0.4, 1.1];

    internal static AtomicStructure Molecule(double[] positions) => new([7, 1, 1, 1], positions);

    internal static double[] RotateAndTranslate(double[] p, double angleZ, double angleX, (double X, double Y, double Z) shift)
    {
        var r = new double[p.Length];
        for (int i = 0; i < p.Length / 3; i++)
        {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            (x, y) = (Math.Cos(angleZ) * x - Math.Sin(angleZ) * y, Math.Sin(angleZ) * x + Math.Cos(angleZ) * y);
            (y, z) = (Math.Cos(angleX) * y - Math.Sin(angleX) * z, Math.Sin(angleX) * y + Math.Cos(angleX) * z);
            r[3 * i] = x + shift.X;
            r[3 * i + 1] = y + shift.Y;
            r[3 * i + 2] = z + shift.Z;
        }

        return r;
    }

    [Fact]
    public void Kabsch_RotatedTranslatedCopy_IsZero()
    {
        var copy = Molecule(RotateAndTranslate(Chiral, 1.1, -0.7, (3, -2, 5)));
        Assert.True(Rmsd.Kabsch(Molecule(Chiral), copy) < 1e-10);
        Assert.True(Rmsd.Compute(Molecule(Chiral), copy) < 1e-10);
    }

    [Fact]
    public void Kabsch_ScaledAboutCentroid_IsScaleTimesRadiusOfGyration()
    {
        // Square (±1, ±1, 0): radius of gyration √2; scaling by 1.1 about the centroid cannot be undone by a rotation.
        double[] square = [1, 1, 0, -1, 1, 0, -1, -1, 0, 1, -1, 0];
        var a = new AtomicStructure([6, 6, 6, 6], square);
        var b = new AtomicStructure([6, 6, 6, 6], RotateAndTranslate([.. square.Select(v => 1.1 * v)], 0.4, 0.9, (1, 2, 3)));
        Assert.Equal(0.1 * Math.Sqrt(2), Rmsd.Kabsch(a, b), 12);
    }

    [Fact]
    public void Kabsch_MirrorImageOfChiralStructure_UsesProperRotationOnly()
    {
        // Reference: numpy Kabsch with the det-sign correction gives 0.7467183851435055 Å; allowing a reflection would give 0.
        var mirror = Molecule([.. Chiral.Select((v, k) => k % 3 == 2 ? -v : v)]);
        Assert.Equal(0.7467183851435055, Rmsd.Kabsch(Molecule(Chiral), mirror), 10);
    }

    [Fact]
    public void Kabsch_MirrorImageOfPlanarStructure_IsZero()
    {
        // A planar structure and its mirror image are related by a 180° rotation about an in-plane axis.
        double[] planar = [0, 0, 0, 1.5, 0, 0, 0, 1.2, 0, 0.7, 0.4, 0];
        double[] mirrored = [.. planar.Select((v, k) => k % 3 == 0 ? -v : v)];
        Assert.True(Rmsd.Kabsch(Molecule(planar), Molecule(mirrored)) < 1e-10);
    }

    [Fact]
    public void Plain_RotatedCopy_IsNotRotationInvariant()
    {
        var rotated = Molecule(RotateAndTranslate(Chiral, Math.PI / 2, 0, (0, 0, 0)));
        Assert.True(Rmsd.Plain(Molecule(Chiral), rotated) > 0.5);
        Assert.True(Rmsd.Compute(Molecule(Chiral), rotated, RmsdMode.Plain) > 0.5);
        Assert.True(Rmsd.Compute(Molecule(Chiral), rotated, RmsdMode.Kabsch) < 1e-10);
    }

    [Fact]
    public void Plain_OneAtomDisplaced_IsKnownValue()
    {
        var moved = (double[])Chiral.Clone();
        moved[4] += 0.2;
        Assert.Equal(0.1, Rmsd.Plain(Molecule(Chiral), Molecule(moved)), 14);
    }

    [Theory]
    [InlineData(new[] { 7, 1, 1 }, "atom count")]
    [InlineData(new[] { 1, 7, 1, 1 }, "species order")]
    public void Compute_NotComparable_IsInfinite(int[] species, string why)
    {
        var other = new AtomicStructure(species, Chiral[..(3 * species.Length)]);
        Assert.True(double.IsPositiveInfinity(Rmsd.Compute(Molecule(Chiral), other)), why);
        Assert.True(double.IsPositiveInfinity(Rmsd.Kabsch(Molecule(Chiral), other)), why);
        Assert.True(double.IsPositiveInfinity(Rmsd.Plain(Molecule(Chiral), other)), why);
    }

    [Fact]
    public void Compute_PeriodicAcrossBoundary_UsesMinimumImageEvenInKabschMode()
    {
        var cell = UnitCell.Orthorhombic(10, 10, 10);
        var a = new AtomicStructure([14, 8], [0.05, 5, 5, 3, 3, 3], cell);
        var b = new AtomicStructure([14, 8], [9.95, 5, 5, 3, 3, 3], cell);
        Assert.Equal(0.1 / Math.Sqrt(2), Rmsd.Compute(a, b, RmsdMode.Kabsch), 12);
    }

    [Fact]
    public void Compute_DifferentCells_IsInfinite()
    {
        var a = new AtomicStructure([14], [1, 1, 1], UnitCell.Orthorhombic(10, 10, 10));
        var b = new AtomicStructure([14], [1, 1, 1], UnitCell.Orthorhombic(10, 10, 11));
        Assert.True(double.IsPositiveInfinity(Rmsd.Compute(a, b)));
        Assert.True(double.IsPositiveInfinity(Rmsd.Compute(a, b.WithCell(null))));
    }

    [Fact]
    public void Between_WithCutoff_OnlySkipsPairsBeyondTheCutoff()
    {
        var rng = new Random(4);
        var reference = new PreparedStructure(Molecule(Chiral));
        for (int t = 0; t < 50; t++)
        {
            double[] p = [.. Chiral.Select(v => v + (rng.NextDouble() - 0.5) * 0.6)];
            var other = new PreparedStructure(Molecule(RotateAndTranslate(p, rng.NextDouble() * 6, rng.NextDouble() * 6, (1, 1, 1))));
            double exact = Rmsd.Between(reference, other, RmsdMode.Kabsch);
            double pruned = Rmsd.Between(reference, other, RmsdMode.Kabsch, cutoff: 0.15);
            Assert.True(pruned == exact || (double.IsPositiveInfinity(pruned) && exact > 0.15), $"exact {exact}, pruned {pruned}");
        }
    }
}
