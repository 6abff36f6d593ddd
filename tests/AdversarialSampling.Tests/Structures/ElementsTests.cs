using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Structures;

public class ElementsTests
{
    [Theory]
    [InlineData(1, "H", 1.008, 0.31)]
    [InlineData(6, "C", 12.011, 0.76)]
    [InlineData(7, "N", 14.007, 0.71)]
    [InlineData(8, "O", 15.999, 0.66)]
    [InlineData(14, "Si", 28.085, 1.11)]
    [InlineData(17, "Cl", 35.45, 1.02)]
    [InlineData(79, "Au", 196.96657, 1.36)]
    [InlineData(96, "Cm", 247.07035, 1.69)]
    [InlineData(118, "Og", 294.214, 0.2)]
    public void Lookups_KnownElement_SymbolMassRadiusAndBack(int z, string symbol, double mass, double radius)
    {
        Assert.Equal(symbol, Elements.Symbol(z));
        Assert.Equal(mass, Elements.Mass(z), 1e-9);
        Assert.Equal(radius, Elements.CovalentRadius(z), 1e-9);
        Assert.Equal(z, Elements.AtomicNumber(symbol));
        Assert.True(Elements.TryGetAtomicNumber(symbol, out int back));
        Assert.Equal(z, back);
        Assert.True(Elements.IsKnown(z));
    }

    [Fact]
    public void Count_AllTables_118ElementsWithDistinctSymbols()
    {
        Assert.Equal(118, Elements.Count);
        var symbols = Enumerable.Range(1, 118).Select(Elements.Symbol).ToArray();
        Assert.Equal(118, symbols.Distinct().Count());
        Assert.All(Enumerable.Range(1, 118), z => Assert.Equal(z, Elements.AtomicNumber(Elements.Symbol(z))));
        Assert.All(Enumerable.Range(2, 117), z => Assert.True(Elements.Mass(z) > Elements.Mass(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(119)]
    public void Symbol_UnknownAtomicNumber_ThrowsNamingParameterAndValue(int z)
    {
        Assert.False(Elements.IsKnown(z));
        foreach (var lookup in new Func<int, object>[] { n => Elements.Symbol(n), n => Elements.Mass(n), n => Elements.CovalentRadius(n) })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => lookup(z));
            Assert.Equal("atomicNumber", e.ParamName);
            Assert.Equal(z, e.ActualValue);
        }
    }

    [Theory]
    [InlineData("Xx")]
    [InlineData("cl")]
    [InlineData("CL")]
    [InlineData("")]
    public void AtomicNumber_UnknownSymbol_ThrowsNamingIt(string symbol)
    {
        Assert.False(Elements.TryGetAtomicNumber(symbol, out int z));
        Assert.Equal(0, z);
        var e = Assert.Throws<ArgumentException>(() => Elements.AtomicNumber(symbol));
        Assert.Contains($"'{symbol}'", e.Message, StringComparison.Ordinal);
    }
}
