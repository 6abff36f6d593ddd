using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Structures;

public class UnitCellTests
{
    private static readonly Dictionary<string, Func<UnitCell>> InvalidCases = new()
    {
        ["8 vectors"] = () => new UnitCell(new double[8]),
        ["NaN entry"] = () => new UnitCell([1, 0, 0, 0, 1, 0, 0, double.NaN, 1]),
        ["infinite entry"] = () => new UnitCell([double.PositiveInfinity, 0, 0, 0, 1, 0, 0, 0, 1]),
        ["2 periodic flags"] = () => new UnitCell([1, 0, 0, 0, 1, 0, 0, 0, 1], [true, true]),
        ["zero cell"] = () => new UnitCell(new double[9]),
        ["coplanar vectors"] = () => new UnitCell([1, 0, 0, 0, 1, 0, 1, 1, 0]),
        ["zero edge"] = () => UnitCell.Orthorhombic(5, 0, 5),
    };

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        { "8 vectors", "vectors", ["9 values", "found 8"] },
        { "NaN entry", "vectors", ["vectors[7]", "vector 2", "component y", "NaN"] },
        { "infinite entry", "vectors", ["vectors[0]", "vector 0", "component x"] },
        { "2 periodic flags", "periodic", ["Periodicity", "found 2"] },
        { "zero cell", "vectors", ["singular", "determinant 0"] },
        { "coplanar vectors", "vectors", ["singular"] },
        { "zero edge", "vectors", ["singular"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Constructor_InvalidInput_ThrowsNamingFieldAndIndex(string name, string parameter, string[] fragments)
        => ValidationAssert.ThrowsNaming(InvalidCases[name], parameter, fragments);

    [Fact]
    public void Inverse_TriclinicCell_TimesVectorsIsIdentity()
    {
        var cell = new UnitCell([4, 0.3, -0.2, 1.1, 5, 0.4, -0.7, 0.9, 6]);
        var m = cell.Vectors;
        var inv = cell.Inverse();

        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                double sum = 0;
                for (int k = 0; k < 3; k++)
                {
                    sum += m[3 * r + k] * inv[3 * k + c];
                }

                Assert.Equal(r == c ? 1 : 0, sum, 1e-14);
            }
        }
    }

    [Fact]
    public void Volume_LeftHandedCell_NegativeDeterminant()
    {
        Assert.Equal(24, UnitCell.Orthorhombic(2, 3, 4).Volume, 1e-12);
        Assert.Equal(-24, new UnitCell([0, 3, 0, 2, 0, 0, 0, 0, 4]).Volume, 1e-12);
    }

    [Fact]
    public void Heights_OrthorhombicAndSheared_FaceDistances()
    {
        Assert.Equal([2.0, 3.0, 4.0], UnitCell.Orthorhombic(2, 3, 4).Heights(), new Tolerance(1e-12));

        // A 2D hexagonal cell of edge 3: heights 3·sin 60° in plane, c unchanged.
        var hex = new UnitCell([3, 0, 0, 1.5, 3 * Math.Sqrt(3) / 2, 0, 0, 0, 7]);
        Assert.Equal([3 * Math.Sqrt(3) / 2, 3 * Math.Sqrt(3) / 2, 7.0], hex.Heights(), new Tolerance(1e-12));

        // Height along a = volume / |b × c| in general.
        var tri = new UnitCell([4, 0.3, -0.2, 1.1, 5, 0.4, -0.7, 0.9, 6]);
        var v = tri.Vectors;
        double cx = v[4] * v[8] - v[5] * v[7], cy = v[5] * v[6] - v[3] * v[8], cz = v[3] * v[7] - v[4] * v[6];
        Assert.Equal(Math.Abs(tri.Volume) / Math.Sqrt(cx * cx + cy * cy + cz * cz), tri.Heights()[0], 1e-12);
    }

    [Fact]
    public void Equals_SameVectorsAndPeriodicity_EqualAndOtherwiseNot()
    {
        var a = UnitCell.Orthorhombic(2, 3, 4);

        Assert.Equal(a, UnitCell.Orthorhombic(2, 3, 4));
        Assert.Equal(a.GetHashCode(), UnitCell.Orthorhombic(2, 3, 4).GetHashCode());
        Assert.NotEqual(a, UnitCell.Orthorhombic(2, 3, 4, [true, true, false]));
        Assert.NotEqual(a, UnitCell.Orthorhombic(2, 3, 5));
        Assert.True(a.IsPeriodic);
        Assert.False(UnitCell.Orthorhombic(2, 3, 4, [false, false, false]).IsPeriodic);
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
