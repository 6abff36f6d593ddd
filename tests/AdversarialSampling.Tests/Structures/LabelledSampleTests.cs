using System.Collections.Immutable;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Structures;

public class LabelledSampleTests
{
    private static readonly AtomicStructure Water = AtomicStructure.FromSymbols(["O", "H", "H"], [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]);

    private static readonly Dictionary<string, Func<LabelledSample>> InvalidCases = new()
    {
        ["NaN energy"] = () => new LabelledSample(Water, double.NaN),
        ["infinite energy"] = () => new LabelledSample(Water, double.PositiveInfinity),
        ["forces too short"] = () => new LabelledSample(Water, 0, new double[8]),
        ["NaN force"] = () => new LabelledSample(Water, 0, [0, 0, 0, 0, 0, 0, 0, double.NaN, 0]),
        ["infinite force"] = () => new LabelledSample(Water, 0, [0, 0, 0, double.NegativeInfinity, 0, 0, 0, 0, 0]),
        ["stress of 5"] = () => new LabelledSample(Water, 0, stress: new double[5]),
        ["NaN stress"] = () => new LabelledSample(Water, 0, stress: [0, 0, 0, 0, double.NaN, 0]),
        ["null metadata value"] = () => new LabelledSample(Water, 0, metadata: [new("origin", null!)]),
        ["empty metadata key"] = () => new LabelledSample(Water, 0, metadata: [new(" ", "x")]),
        ["unsupported metadata"] = () => new LabelledSample(Water, 0, metadata: [new("when", DateTime.UnixEpoch)]),
    };

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        { "NaN energy", "energy", ["Energy", "NaN"] },
        { "infinite energy", "energy", ["Energy", "Infinity"] },
        { "forces too short", "forces", ["Forces", "3 × 3 = 9", "found 8"] },
        { "NaN force", "forces", ["Forces[7]", "atom 2", "component y"] },
        { "infinite force", "forces", ["Forces[3]", "atom 1", "component x"] },
        { "stress of 5", "stress", ["Stress", "9 (3×3) or 6 (Voigt)", "found 5"] },
        { "NaN stress", "stress", ["Stress[4]", "NaN"] },
        { "null metadata value", "value", ["Metadata 'origin'", "null"] },
        { "empty metadata key", "metadata", ["key is empty"] },
        { "unsupported metadata", "value", ["Metadata 'when'", "DateTime"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Constructor_InvalidInput_ThrowsNamingFieldAndIndex(string name, string parameter, string[] fragments)
        => ValidationAssert.ThrowsNaming(InvalidCases[name], parameter, fragments);

    [Fact]
    public void Constructor_VoigtStress_ExpandedToSymmetric3x3()
    {
        // Voigt order xx, yy, zz, yz, xz, xy.
        var s = new LabelledSample(Water, -1, stress: [1, 2, 3, 4, 5, 6]);

        Assert.Equal([1, 6, 5, 6, 2, 4, 5, 4, 3], s.Stress.ToArray());
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1], new LabelledSample(Water, -1, stress: [9, 8, 7, 6, 5, 4, 3, 2, 1]).Stress.ToArray());
    }

    [Fact]
    public void MaxForceNorm_Forces_LargestPerAtomNorm()
    {
        var s = new LabelledSample(Water, -6, [3, 4, 0, 0, 0, -1, 1, 1, 1]);

        Assert.Equal(5, s.MaxForceNorm);
        Assert.True(s.HasForces);
        Assert.Equal(-2, s.EnergyPerAtom);
        Assert.Null(new LabelledSample(Water, -6).MaxForceNorm);
        Assert.False(new LabelledSample(Water, -6).HasForces);
    }

    [Fact]
    public void WithMetadata_NewKey_ReturnsCopyAndLeavesOriginal()
    {
        var s = new LabelledSample(Water, -6, new double[9], metadata: [new("generation", 1)]);

        var t = s.WithMetadata("origin", "attack").WithMetadata("generation", 2);

        Assert.Equal(1L, s.GetMetadata("generation", 0L));
        Assert.False(s.Metadata.ContainsKey("origin"));
        Assert.Equal(2L, t.GetMetadata("generation", 0L));
        Assert.Equal("attack", t.GetMetadata("origin", ""));
        Assert.Equal(s.Forces.ToArray(), t.Forces.ToArray());
        Assert.Equal("fallback", t.GetMetadata("missing", "fallback"));
        Assert.Equal(0.0, t.GetMetadata("generation", 0.0));
    }
}
