using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Structures;

public class AtomicStructureTests
{
    private static readonly Dictionary<string, Func<AtomicStructure>> InvalidCases = new()
    {
        ["positions too short"] = () => new AtomicStructure([1, 1], [0, 0, 0, 1, 0]),
        ["positions too long"] = () => new AtomicStructure([1], [0, 0, 0, 1]),
        ["NaN position"] = () => new AtomicStructure([1, 8], [0, 0, 0, 1, double.NaN, 0]),
        ["infinite position"] = () => new AtomicStructure([1, 8, 1], [0, 0, 0, 1, 0, 0, 0, 0, double.NegativeInfinity]),
        ["atomic number 0"] = () => new AtomicStructure([1, 0], [0, 0, 0, 1, 0, 0]),
        ["atomic number 119"] = () => new AtomicStructure([119], [0, 0, 0]),
        ["negative atomic number"] = () => new AtomicStructure([6, 6, -3], new double[9]),
        ["unknown symbol"] = () => AtomicStructure.FromSymbols(["N", "Xx"], new double[6]),
        ["lower-case symbol"] = () => AtomicStructure.FromSymbols(["h"], new double[3]),
        ["null symbol"] = () => AtomicStructure.FromSymbols(["N", "H", null!], new double[9]),
        ["fixed atom out of range"] = () => new AtomicStructure([1, 1], new double[6], constraints: new StructureConstraints([2])),
        ["fixed cartesian out of range"] = () => new AtomicStructure([1], new double[3], constraints: new StructureConstraints(null, [new FixedCartesian(1, true, false, false)])),
    };

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        { "positions too short", "positions", ["Positions", "2 atoms", "found 5"] },
        { "positions too long", "positions", ["Positions", "found 4"] },
        { "NaN position", "positions", ["Positions[4]", "atom 1", "component y", "NaN"] },
        { "infinite position", "positions", ["Positions[8]", "atom 2", "component z"] },
        { "atomic number 0", "atomicNumbers", ["AtomicNumbers[1] = 0", "not a known element"] },
        { "atomic number 119", "atomicNumbers", ["AtomicNumbers[0] = 119"] },
        { "negative atomic number", "atomicNumbers", ["AtomicNumbers[2] = -3"] },
        { "unknown symbol", "symbols", ["Symbols[1] = 'Xx'"] },
        { "lower-case symbol", "symbols", ["Symbols[0] = 'h'"] },
        { "null symbol", "symbols", ["Symbols[2] is null"] },
        { "fixed atom out of range", "constraints", ["FixedAtoms", "index 2", "2 atoms"] },
        { "fixed cartesian out of range", "constraints", ["FixedCartesian", "index 1", "1 atoms"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Constructor_InvalidInput_ThrowsNamingFieldAndIndex(string name, string parameter, string[] fragments)
        => ValidationAssert.ThrowsNaming(InvalidCases[name], parameter, fragments);

    [Fact]
    public void Constructor_InputArraysChangedAfterwards_StructureUnchanged()
    {
        int[] z = [7, 1];
        double[] p = [0, 0, 0, 1, 0, 0];
        var s = new AtomicStructure(z, p);

        z[0] = 8;
        p[3] = 5;

        Assert.Equal([7, 1], s.AtomicNumbers.ToArray());
        Assert.Equal(1, s.Positions[3]);
        Assert.Same(StructureConstraints.None, s.Constraints);
        Assert.Null(s.Cell);
        Assert.False(s.IsPeriodic);
    }

    [Theory]
    [InlineData(new[] { "N", "H", "H", "H" }, "H3N")]
    [InlineData(new[] { "H", "C", "H", "H", "H" }, "CH4")]
    [InlineData(new[] { "O", "C", "C", "H", "H", "H", "H", "H", "H" }, "C2H6O")]
    [InlineData(new[] { "Cl", "C", "Cl", "Cl", "Br" }, "CBrCl3")]
    [InlineData(new[] { "O", "Si", "O" }, "O2Si")]
    [InlineData(new[] { "S", "O", "O", "O", "O", "H", "H" }, "H2O4S")]
    [InlineData(new[] { "Na", "Cl" }, "ClNa")]
    [InlineData(new[] { "He", "H" }, "HHe")]
    [InlineData(new[] { "C" }, "C")]
    [InlineData(new string[0], "")]
    public void Formula_Symbols_HillOrder(string[] symbols, string formula)
    {
        var s = AtomicStructure.FromSymbols(symbols, new double[3 * symbols.Length]);

        Assert.Equal(formula, s.Formula());
        Assert.Equal(symbols, s.Symbols());
    }

    [Fact]
    public void WithPositions_NewPositions_KeepsSpeciesCellAndConstraintsAndLeavesOriginal()
    {
        var cell = UnitCell.Orthorhombic(10, 10, 10);
        var constraints = new StructureConstraints([0]);
        var s = new AtomicStructure([8, 1], [0, 0, 0, 1, 0, 0], cell, constraints);

        var moved = s.WithPositions([0, 0, 0, 0, 2, 0]);

        Assert.Equal(2, moved.Position(1).Y);
        Assert.Equal(1, s.Position(1).X);
        Assert.Same(cell, moved.Cell);
        Assert.Same(constraints, moved.Constraints);
        Assert.Equal(s.AtomicNumbers.ToArray(), moved.AtomicNumbers.ToArray());
        Assert.Null(s.WithCell(null).Cell);
        Assert.True(s.WithConstraints(StructureConstraints.None).Constraints.IsEmpty);
        Assert.Throws<ArgumentException>(() => s.WithPositions([0, 0, 0]));
    }

    [Fact]
    public void Distance_PeriodicCell_UsesMinimumImage()
    {
        var s = new AtomicStructure([1, 1, 1], [0.5, 0, 0, 9.5, 0, 0, 5, 5, 5], UnitCell.Orthorhombic(10, 10, 10));

        Assert.Equal(1, s.Distance(0, 1), 1e-12);
        Assert.Equal(9, s.WithCell(null).Distance(0, 1), 1e-12);
        Assert.Equal(9, s.WithCell(UnitCell.Orthorhombic(10, 10, 10, [false, true, true])).Distance(0, 1), 1e-12);
        Assert.Equal(1, s.MinimumDistance(), 1e-12);
        Assert.Equal(double.PositiveInfinity, new AtomicStructure([1], [0, 0, 0]).MinimumDistance());
    }

    [Fact]
    public void FrozenMask_FixedAtomAndAxes_FlatNTimes3()
    {
        var constraints = new StructureConstraints([1], [new FixedCartesian(0, false, false, true)]);
        var s = new AtomicStructure([1, 1], new double[6], constraints: constraints);

        Assert.Equal([false, false, true, true, true, true], s.FrozenMask());
    }
}
