using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Structures;

public class StructureConstraintsTests
{
    [Fact]
    public void Constructor_NegativeFixedAtom_ThrowsNamingFieldAndPosition()
    {
        var e = Assert.Throws<ArgumentException>(() => new StructureConstraints([3, 0, -2]));

        Assert.Equal("fixedAtoms", e.ParamName);
        Assert.Contains("FixedAtoms[2] = -2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeFixedCartesianAtom_ThrowsNamingFieldAndPosition()
    {
        var e = Assert.Throws<ArgumentException>(() => new StructureConstraints(null, [new FixedCartesian(0, true, true, true), new FixedCartesian(-1, true, false, false)]));

        Assert.Equal("fixedCartesian", e.ParamName);
        Assert.Contains("FixedCartesian[1].Atom = -1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicatesAndDisorder_SortedDistinct()
    {
        var c = new StructureConstraints([5, 1, 5, 0], [new FixedCartesian(4, true, false, false), new FixedCartesian(2, false, true, false)]);

        Assert.Equal([0, 1, 5], c.FixedAtoms.ToArray());
        Assert.Equal([2, 4], c.FixedCartesian.Select(f => f.Atom).ToArray());
        Assert.Equal(c, new StructureConstraints([0, 1, 5], [new FixedCartesian(2, false, true, false), new FixedCartesian(4, true, false, false)]));
        Assert.NotEqual(c, new StructureConstraints([0, 1]));
    }

    [Fact]
    public void FixAxes_ZOnly_FreezesZOfEveryAtom()
    {
        var c = StructureConstraints.FixAxes(3, x: false, y: false, z: true);

        Assert.Equal([false, false, true, false, false, true, false, false, true], c.FrozenMask(3));
        Assert.False(c.IsEmpty);
    }

    [Fact]
    public void IsEmpty_NoneOrAllFalseComponents_True()
    {
        Assert.True(StructureConstraints.None.IsEmpty);
        Assert.True(new StructureConstraints(null, [new FixedCartesian(0, false, false, false)]).IsEmpty);
        Assert.False(new StructureConstraints([0]).IsEmpty);
        Assert.Equal(new bool[6], StructureConstraints.None.FrozenMask(2));
    }
}
