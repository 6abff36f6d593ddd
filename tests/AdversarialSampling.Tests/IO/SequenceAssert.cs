namespace AdversarialSampling.Tests.IO;

/// <summary>Element-wise equality (xUnit's Assert.Equal compares two ImmutableArrays by reference).</summary>
internal static class SequenceAssert
{
    public static void Equal<T>(IEnumerable<T> expected, IEnumerable<T> actual) => Assert.Equal(expected, actual);
}
