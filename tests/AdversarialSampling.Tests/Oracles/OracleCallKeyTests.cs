using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Oracles;

public sealed class OracleCallKeyTests
{
    private static readonly OracleIdentity Xtb = new("xtb", "6.5.1", [new("method", "gfn2"), new("charge", "0"), new("uhf", "0")]);

    private static AtomicStructure Ammonia(double dx = 0)
        => new([7, 1, 1, 1], [dx + 0.0, 0.0, 0.1163, dx + 0.0, 0.9399, -0.2713, dx + 0.814, -0.47, -0.2713, dx - 0.814, -0.47, -0.2713]);

    private static AtomicStructure Permute(AtomicStructure s, int[] order)
        => new([.. order.Select(i => s.AtomicNumbers[i])], [.. order.SelectMany(i => new[] { s.Positions[3 * i], s.Positions[3 * i + 1], s.Positions[3 * i + 2] })]);

    [Fact]
    public void Compute_AnyStructure_Is64LowercaseHexDigits()
    {
        string key = OracleCallKey.Compute(Xtb, Ammonia()).Value;

        Assert.Matches("^[0-9a-f]{64}$", key);
    }

    [Fact]
    public void Compute_PermutedAtoms_SameKey()
    {
        var a = OracleCallKey.Compute(Xtb, Ammonia());
        var b = OracleCallKey.Compute(Xtb, Permute(Ammonia(), [3, 1, 0, 2]));

        Assert.Equal(a, b);
        Assert.Equal(a.Value, b.Value);
    }

    [Fact]
    public void Compute_TranslatedStructure_DifferentKey()
    {
        Assert.NotEqual(OracleCallKey.Compute(Xtb, Ammonia()).Value, OracleCallKey.Compute(Xtb, Ammonia(dx: 0.5)).Value);
    }

    [Fact]
    public void Compute_NoiseWellBelowResolution_SameKey()
    {
        var noisy = Ammonia().WithPositions([.. Ammonia().Positions.Select((x, i) => x + (i % 2 == 0 ? 1e-9 : -2e-9))]);

        Assert.Equal(OracleCallKey.Compute(Xtb, Ammonia()).Value, OracleCallKey.Compute(Xtb, noisy).Value);
    }

    [Fact]
    public void Compute_ShiftOfTwoResolutionUnits_DifferentKey()
    {
        var moved = Ammonia().WithPositions([.. Ammonia().Positions.Select((x, i) => i == 4 ? x + 2 * OracleCallKey.PositionResolution : x)]);

        Assert.NotEqual(OracleCallKey.Compute(Xtb, Ammonia()).Value, OracleCallKey.Compute(Xtb, moved).Value);
    }

    [Fact]
    public void Compute_NegativeZeroCoordinate_SameKeyAsPositiveZero()
    {
        var plus = new AtomicStructure([1, 1], [0.0, 0, 0, 0.74, 0, 0]);
        var minus = new AtomicStructure([1, 1], [-0.0, -0.0, -0.0, 0.74, -0.0, 0]);

        Assert.Equal(OracleCallKey.Compute(Xtb, plus).Value, OracleCallKey.Compute(Xtb, minus).Value);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("name")]
    [InlineData("charge")]
    [InlineData("extra setting")]
    public void Compute_OtherOracleIdentity_DifferentKey(string change)
    {
        var other = change switch
        {
            "version" => new OracleIdentity("xtb", "6.6.0", Xtb.Settings),
            "name" => new OracleIdentity("xtb2", "6.5.1", Xtb.Settings),
            "charge" => new OracleIdentity("xtb", "6.5.1", Xtb.Settings.SetItem("charge", "1")),
            _ => new OracleIdentity("xtb", "6.5.1", Xtb.Settings.SetItem("solvent", "water")),
        };

        Assert.NotEqual(OracleCallKey.Compute(Xtb, Ammonia()).Value, OracleCallKey.Compute(other, Ammonia()).Value);
    }

    [Fact]
    public void Compute_SettingsWhoseCanonicalStringsCoincide_DifferentKeys()
    {
        var one = new OracleIdentity("o", "1", [new("a", "1;b=2")]);
        var two = new OracleIdentity("o", "1", [new("a", "1"), new("b", "2")]);
        Assert.Equal(one.ToCanonicalString(), two.ToCanonicalString());

        Assert.NotEqual(OracleCallKey.Compute(one, Ammonia()).Value, OracleCallKey.Compute(two, Ammonia()).Value);
    }

    [Fact]
    public void Compute_CellOrPeriodicityChanged_DifferentKey()
    {
        var box = Ammonia().WithCell(UnitCell.Orthorhombic(10, 10, 10));
        var slab = Ammonia().WithCell(UnitCell.Orthorhombic(10, 10, 10, [true, true, false]));

        var keys = new[] { Ammonia(), box, slab }.Select(s => OracleCallKey.Compute(Xtb, s).Value).ToList();

        Assert.Equal(3, keys.Distinct().Count());
    }

    [Fact]
    public void Compute_ConstraintsAdded_SameKey()
    {
        var fixedN = Ammonia().WithConstraints(new StructureConstraints(fixedAtoms: [0]));

        Assert.Equal(OracleCallKey.Compute(Xtb, Ammonia()).Value, OracleCallKey.Compute(Xtb, fixedN).Value);
    }

    [Fact]
    public void ToCanonical_Ammonia_SortsBySpeciesThenPosition()
    {
        var key = OracleCallKey.Compute(Xtb, Ammonia());

        var canonical = key.ToCanonical(Ammonia());

        Assert.Equal([1, 1, 1, 7], canonical.AtomicNumbers.ToArray());
        Assert.Equal([3, 1, 2, 0], key.CanonicalOrder.ToArray()); // the H atoms 1, 2, 3 sit at x = 0, 0.814, -0.814 Å
    }

    [Fact]
    public void PerAtomFromCanonical_OfPerAtomToCanonical_IsIdentity()
    {
        var structure = Permute(Ammonia(), [2, 0, 3, 1]);
        var key = OracleCallKey.Compute(Xtb, structure);
        double[] forces = [.. Enumerable.Range(0, 12).Select(i => i * 1.5 - 3)];

        Assert.Equal(forces, key.PerAtomFromCanonical(key.PerAtomToCanonical(forces)));
    }

    [Fact]
    public void PerAtomToCanonical_PermutedStructures_GiveTheSameCanonicalArray()
    {
        int[] order = [2, 0, 3, 1];
        var a = Ammonia();
        var b = Permute(a, order);
        double[] forcesA = [.. Enumerable.Range(0, 12).Select(i => (double)i)];
        double[] forcesB = [.. order.SelectMany(i => new[] { forcesA[3 * i], forcesA[3 * i + 1], forcesA[3 * i + 2] })];

        Assert.Equal(
            OracleCallKey.Compute(Xtb, a).PerAtomToCanonical(forcesA),
            OracleCallKey.Compute(Xtb, b).PerAtomToCanonical(forcesB));
    }

    [Fact]
    public void CanonicalForm_Ammonia_ListsIdentityAtomsInMicroAngstromAndCell()
    {
        string[] lines = OracleCallKey.CanonicalForm(Xtb, Ammonia()).Split('\n');

        Assert.Equal("adversarial-sampling oracle-call v1", lines[0]);
        Assert.Equal("oracle 3:xtb 5:6.5.1", lines[1]);
        Assert.Equal("setting 6:charge 1:0", lines[2]);
        Assert.Equal("atoms 4", lines[5]);
        Assert.Equal("1 -814000 -470000 -271300", lines[6]);
        Assert.Equal("7 0 0 116300", lines[9]);
        Assert.Equal("cell none", lines[10]);
        Assert.Equal("pbc FFF", lines[11]);
    }

    [Fact]
    public void Compute_AbsurdCoordinate_Throws()
    {
        var far = new AtomicStructure([1], [1e13, 0, 0]);

        Assert.Throws<ArgumentOutOfRangeException>(() => OracleCallKey.Compute(Xtb, far));
    }
}
