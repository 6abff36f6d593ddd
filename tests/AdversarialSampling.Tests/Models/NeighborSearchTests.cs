using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Models;

public class NeighborSearchTests
{
    public static TheoryData<string> Systems => [.. TestSystems.Keys];

    private static readonly Dictionary<string, (double[] Positions, UnitCell? Cell, double Cutoff)> TestSystems = new()
    {
        ["cluster-60"] = (RandomPositions(60, 8.0, -1, seed: 1), null, 3.0),
        ["cluster-400"] = (RandomPositions(400, 16.0, 0, seed: 2), null, 2.5),
        ["cubic-80-outside-cell"] = (RandomPositions(80, 20.0, -5, seed: 3), UnitCell.Orthorhombic(10, 10, 10), 3.0),
        ["orthorhombic-150"] = (RandomPositions(150, 10.0, 0, seed: 4), UnitCell.Orthorhombic(10, 11, 10.5), 3.2),
        ["triclinic-50"] = (RandomPositions(50, 9.0, -1, seed: 5), new UnitCell([8, 0, 0, 2.5, 7, 0, 1.5, -2, 6.5]), 3.5),
        ["slab-TTF"] = (RandomPositions(60, 12.0, 0, seed: 6), UnitCell.Orthorhombic(9, 9, 20, [true, true, false]), 3.0),
        ["triclinic-TFT"] = (RandomPositions(40, 8.0, 0, seed: 7), new UnitCell([7, 0, 0, 1, 6, 0, -2, 1, 7], [true, false, true]), 3.0),
        ["small-cubic-cutoff-above-cell"] = (RandomPositions(2, 3.0, 0, seed: 8), UnitCell.Orthorhombic(3, 3, 3), 5.0),
        ["small-triclinic-cutoff-above-cell"] = (RandomPositions(3, 4.0, 0, seed: 9), new UnitCell([4, 0, 0, 1.5, 3.5, 0, 0.5, 1, 3.8]), 6.0),
        ["sparse"] = ([0, 0, 0, 1, 0, 0, 1000, 0, 0, 0, 2000, 1, 0, 0.5, 0.3], null, 1.5),
    };

    [Theory]
    [MemberData(nameof(Systems))]
    public void Find_AnySystem_EqualsBruteForce(string name)
    {
        var (positions, cell, cutoff) = TestSystems[name];

        var found = NeighborSearch.Find(positions, cell, cutoff);

        var expected = BruteForce(positions, cell, cutoff);
        var actual = Keys(found);
        Assert.Equal(found.Count, actual.Count);
        Assert.True(expected.Count > 0, "the test system must have pairs");
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, (distance, shift)) in actual)
        {
            Assert.Equal(expected[key].Distance, distance, 1e-9);
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(expected[key].Shift[c], shift[c], 1e-9);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void Find_AnySystem_EveryPairHasItsReverse(string name)
    {
        var (positions, cell, cutoff) = TestSystems[name];

        var keys = Keys(NeighborSearch.Find(positions, cell, cutoff)).Keys.ToHashSet();

        Assert.All(keys, k => Assert.Contains((k.J, k.I, -k.N0, -k.N1, -k.N2), keys));
    }

    [Theory]
    [InlineData(2.1, 6)]
    [InlineData(2.9, 18)]
    [InlineData(3.5, 26)]
    [InlineData(4.1, 32)]
    public void Find_SimpleCubicOneAtomCell_CountsLatticeShells(double cutoff, int expected)
    {
        var found = NeighborSearch.Find([0.3, 0.2, 0.1], UnitCell.Orthorhombic(2, 2, 2), cutoff);

        Assert.Equal(expected, found.Count);
        Assert.All(found.Sources, s => Assert.Equal(0, s));
        Assert.All(found.Targets, t => Assert.Equal(0, t));
    }

    [Fact]
    public void Find_CellWithoutPeriodicAxes_IsTreatedAsFinite()
    {
        var positions = RandomPositions(30, 6.0, 0, seed: 11);
        var cell = UnitCell.Orthorhombic(6, 6, 6, [false, false, false]);

        var withCell = Keys(NeighborSearch.Find(positions, cell, 2.5));
        var without = Keys(NeighborSearch.Find(positions, null, 2.5));

        Assert.Equal(without.Keys.Order(), withCell.Keys.Order());
    }

    [Fact]
    public void Find_NegativeCutoff_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => NeighborSearch.Find([0, 0, 0], null, -1));

    [Fact]
    public void Build_SeveralStructures_PairsStayInsideTheirStructureAndMatchPerStructureSearch()
    {
        var structures = new[]
        {
            new AtomicStructure([7, 1, 1, 1], RandomPositions(4, 2.0, 0, seed: 20)),
            new AtomicStructure([.. Enumerable.Repeat(18, 30)], RandomPositions(30, 9.0, 0, seed: 21), new UnitCell([9, 0, 0, 1, 8, 0, 0, 2, 9])),
            new AtomicStructure([6, 8], [0, 0, 0, 0, 0, 1.2]),
            new AtomicStructure([.. Enumerable.Repeat(1, 3)], RandomPositions(3, 3.0, 0, seed: 22), UnitCell.Orthorhombic(3, 3, 3)),
        };
        using var batch = AtomBatch.FromStructures(structures, ScalarType.Float64);

        var list = batch.GetNeighbors(4.0);

        var source = list.Source.data<long>().ToArray();
        var target = list.Target.data<long>().ToArray();
        var shifts = list.Shifts.data<double>().ToArray();
        var owner = batch.StructureIndex.data<long>().ToArray();
        Assert.All(Enumerable.Range(0, source.Length), p => Assert.Equal(owner[source[p]], owner[target[p]]));
        int p = 0;
        for (int b = 0; b < structures.Length; b++)
        {
            var expected = NeighborSearch.Find(structures[b], 4.0);
            for (int q = 0; q < expected.Count; q++, p++)
            {
                Assert.Equal(expected.Sources[q] + batch.AtomOffsets[b], source[p]);
                Assert.Equal(expected.Targets[q] + batch.AtomOffsets[b], target[p]);
                Assert.Equal(expected.Shifts[3 * q + 2], shifts[3 * p + 2]);
            }
        }

        Assert.Equal(source.Length, p);
        Assert.Equal(ScalarType.Float64, list.Shifts.dtype);
    }

    internal static double[] RandomPositions(int atoms, double box, double origin, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, 3 * atoms).Select(_ => origin + box * rng.NextDouble())];
    }

    private static Dictionary<(int I, int J, int N0, int N1, int N2), (double Distance, double[] Shift)> Keys(NeighborPairs pairs)
    {
        var result = new Dictionary<(int, int, int, int, int), (double, double[])>();
        for (int p = 0; p < pairs.Count; p++)
        {
            var key = (pairs.Sources[p], pairs.Targets[p], pairs.ImageOffsets[3 * p], pairs.ImageOffsets[3 * p + 1], pairs.ImageOffsets[3 * p + 2]);
            Assert.True(result.TryAdd(key, (pairs.Distances[p], [pairs.Shifts[3 * p], pairs.Shifts[3 * p + 1], pairs.Shifts[3 * p + 2]])), $"duplicate pair {key}");
        }

        return result;
    }

    /// <summary>Independent O(N² · images) reference on the positions as given (no wrapping, generous image range).</summary>
    private static Dictionary<(int I, int J, int N0, int N1, int N2), (double Distance, double[] Shift)> BruteForce(double[] pos, UnitCell? cell, double cutoff)
    {
        int n = pos.Length / 3;
        var range = new int[3];
        double[] v = cell?.Vectors.ToArray() ?? new double[9];
        if (cell is { IsPeriodic: true })
        {
            var inv = cell.Inverse();
            for (int k = 0; k < 3; k++)
            {
                if (!cell.Periodic[k])
                {
                    continue;
                }

                var frac = Enumerable.Range(0, n).Select(i => pos[3 * i] * inv[k] + pos[3 * i + 1] * inv[3 + k] + pos[3 * i + 2] * inv[6 + k]).ToArray();
                double normal = Math.Sqrt(inv[k] * inv[k] + inv[3 + k] * inv[3 + k] + inv[6 + k] * inv[6 + k]);
                range[k] = (int)Math.Ceiling(cutoff * normal + frac.Max() - frac.Min());
            }
        }

        var result = new Dictionary<(int, int, int, int, int), (double, double[])>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int a = -range[0]; a <= range[0]; a++)
                {
                    for (int b = -range[1]; b <= range[1]; b++)
                    {
                        for (int c = -range[2]; c <= range[2]; c++)
                        {
                            if (i == j && a == 0 && b == 0 && c == 0)
                            {
                                continue;
                            }

                            double sx = a * v[0] + b * v[3] + c * v[6];
                            double sy = a * v[1] + b * v[4] + c * v[7];
                            double sz = a * v[2] + b * v[5] + c * v[8];
                            double dx = pos[3 * j] - pos[3 * i] + sx, dy = pos[3 * j + 1] - pos[3 * i + 1] + sy, dz = pos[3 * j + 2] - pos[3 * i + 2] + sz;
                            double d = Math.Sqrt(dx * dx + dy * dy + dz * dz);
                            if (d < cutoff)
                            {
                                result.Add((i, j, a, b, c), (d, [sx, sy, sz]));
                            }
                        }
                    }
                }
            }
        }

        return result;
    }
}
