namespace AdversarialSampling.Tests.Structures;

/// <summary>Checks that a constructor rejects bad input with a message naming the field and the index.</summary>
internal static class ValidationAssert
{
    /// <summary>Asserts <paramref name="construct"/> throws exactly <see cref="ArgumentException"/> with the parameter name and every message fragment.</summary>
    public static void ThrowsNaming(Func<object> construct, string parameter, IEnumerable<string> fragments)
    {
        var e = Assert.Throws<ArgumentException>(() => construct());

        Assert.Equal(parameter, e.ParamName);
        Assert.All(fragments, f => Assert.Contains(f, e.Message, StringComparison.Ordinal));
    }
}
