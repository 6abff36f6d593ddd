using System.Collections.Immutable;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Structures;

public class MetadataValueTests
{
    public static TheoryData<object, object> Supported() => new()
    {
        { "text", "text" },
        { true, true },
        { 42, 42L },
        { 42L, 42L },
        { 0.5f, 0.5 },
        { 2.5, 2.5 },
    };

    [Theory]
    [MemberData(nameof(Supported))]
    public void Normalize_Scalar_CanonicalType(object value, object expected)
    {
        var normalized = MetadataValue.Normalize("k", value);

        Assert.Equal(expected, normalized);
        Assert.Equal(expected.GetType(), normalized.GetType());
    }

    [Fact]
    public void Normalize_Arrays_CopiedToImmutableWithIntsWidened()
    {
        int[] ints = [1, 2];
        var normalized = MetadataValue.Normalize("k", ints);
        ints[0] = 9;

        Assert.Equal([1L, 2L], ((ImmutableArray<long>)normalized).ToArray());
        Assert.IsType<ImmutableArray<long>>(MetadataValue.Normalize("k", ImmutableArray.Create(1, 2)));
        Assert.IsType<ImmutableArray<double>>(MetadataValue.Normalize("k", new[] { 1.0 }));
        Assert.IsType<ImmutableArray<bool>>(MetadataValue.Normalize("k", new[] { true }));
        Assert.IsType<ImmutableArray<string>>(MetadataValue.Normalize("k", new[] { "a" }));
        Assert.IsType<ImmutableArray<long>>(MetadataValue.Normalize("k", new[] { 3L }));
    }

    public static TheoryData<string> InvalidNames() => ["null", "decimal", "float array", "default array", "null string element"];

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Normalize_Invalid_ThrowsNamingKey(string name)
    {
        object? value = name switch
        {
            "null" => null,
            "decimal" => 1.5m,
            "float array" => new[] { 1f },
            "default array" => default(ImmutableArray<double>),
            "null string element" => new[] { "a", null },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var e = Assert.Throws<ArgumentException>(() => MetadataValue.Normalize("origin", value));

        Assert.Equal("value", e.ParamName);
        Assert.Contains("Metadata 'origin'", e.Message, StringComparison.Ordinal);
        if (name == "null string element")
        {
            Assert.Contains("'origin'[1]", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NormalizeAll_NullOrPairs_OrdinalDictionary()
    {
        Assert.Empty(MetadataValue.NormalizeAll(null));
        var d = MetadataValue.NormalizeAll([new("A", 1), new("a", "x")]);

        Assert.Equal(2, d.Count);
        Assert.Equal(1L, d["A"]);
        Assert.Throws<ArgumentException>(() => MetadataValue.NormalizeAll([new("", 1)]));
    }
}
