using System.Collections.Immutable;

namespace AdversarialSampling.Structures;

/// <summary>
/// Rules for free-form metadata values (per-frame info keys of extended XYZ): a value is a
/// <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>, or an
/// <see cref="ImmutableArray{T}"/> of one of those. Ints are widened to long and arrays are copied.
/// </summary>
public static class MetadataValue
{
    /// <summary>Returns the canonical stored form of a metadata value, or throws for an unsupported type.</summary>
    /// <param name="key">The key (for the message).</param>
    /// <param name="value">The value.</param>
    /// <returns>The normalised value.</returns>
    /// <exception cref="ArgumentException">Unsupported type or null.</exception>
    public static object Normalize(string key, object? value)
    {
        var normalized = NormalizeType(key, value);
        if (normalized is ImmutableArray<string> strings && strings.IndexOf(null!) is int i and >= 0)
        {
            throw new ArgumentException($"Metadata '{key}'[{i}] is null; string arrays may not hold nulls.", nameof(value));
        }

        return normalized;
    }

    /// <summary>Normalises every value of a dictionary.</summary>
    /// <param name="metadata">Key/value pairs, or null.</param>
    /// <returns>An immutable, ordinally keyed dictionary.</returns>
    public static ImmutableDictionary<string, object> NormalizeAll(IEnumerable<KeyValuePair<string, object>>? metadata)
    {
        var b = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        foreach (var kv in metadata ?? [])
        {
            if (string.IsNullOrWhiteSpace(kv.Key))
            {
                throw new ArgumentException("Metadata key is empty.", nameof(metadata));
            }

            b[kv.Key] = Normalize(kv.Key, kv.Value);
        }

        return b.ToImmutable();
    }

    private static object NormalizeType(string key, object? value) => value switch
    {
        null => throw new ArgumentException($"Metadata '{key}' is null.", nameof(value)),
        ImmutableArray<string> { IsDefault: true } or ImmutableArray<bool> { IsDefault: true } or ImmutableArray<long> { IsDefault: true }
            or ImmutableArray<double> { IsDefault: true } or ImmutableArray<int> { IsDefault: true }
            => throw new ArgumentException($"Metadata '{key}' is an uninitialised (default) ImmutableArray.", nameof(value)),
        string or bool or long or double => value,
        int i => (long)i,
        float f => (double)f,
        ImmutableArray<string> or ImmutableArray<bool> or ImmutableArray<long> or ImmutableArray<double> => value,
        ImmutableArray<int> a => a.Select(x => (long)x).ToImmutableArray(),
        string[] a => a.ToImmutableArray(),
        bool[] a => a.ToImmutableArray(),
        long[] a => a.ToImmutableArray(),
        int[] a => a.Select(x => (long)x).ToImmutableArray(),
        double[] a => a.ToImmutableArray(),
        _ => throw new ArgumentException(
            $"Metadata '{key}' has unsupported type {value.GetType().Name}; use string, bool, long, double or an array of one of them.",
            nameof(value)),
    };
}
