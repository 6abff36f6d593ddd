using System.Collections.Immutable;

namespace AdversarialSampling.IO;

/// <summary>
/// One per-atom column group of an extended XYZ frame (for example <c>forces:R:3</c> or <c>tags:I:1</c>):
/// its type, its number of columns, and its values, flat row-major (atoms × columns). Immutable.
/// Exactly one of <see cref="Reals"/>, <see cref="Integers"/>, <see cref="Logicals"/>, <see cref="Strings"/>
/// holds the values (the one matching <see cref="Type"/>); the others are empty.
/// </summary>
public sealed class PerAtomProperty : IEquatable<PerAtomProperty>
{
    private PerAtomProperty(PerAtomPropertyType type, int columns, int count)
    {
        if (columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "A per-atom property needs at least one column.");
        }

        if (count % columns != 0)
        {
            throw new ArgumentException($"A per-atom property with {columns} columns needs a multiple of {columns} values; found {count}.", nameof(columns));
        }

        Type = type;
        Columns = columns;
        Count = count;
    }

    /// <summary>The column type.</summary>
    public PerAtomPropertyType Type { get; }

    /// <summary>Number of columns per atom (≥ 1), e.g. 3 for forces.</summary>
    public int Columns { get; }

    /// <summary>Total number of values (atoms × columns).</summary>
    public int Count { get; }

    /// <summary>Number of atoms (rows).</summary>
    public int Rows => Count / Columns;

    /// <summary>Values of an <see cref="PerAtomPropertyType.Real"/> property, flat row-major; empty otherwise.</summary>
    public ImmutableArray<double> Reals { get; private init; } = [];

    /// <summary>Values of an <see cref="PerAtomPropertyType.Integer"/> property, flat row-major; empty otherwise.</summary>
    public ImmutableArray<long> Integers { get; private init; } = [];

    /// <summary>Values of a <see cref="PerAtomPropertyType.Logical"/> property, flat row-major; empty otherwise.</summary>
    public ImmutableArray<bool> Logicals { get; private init; } = [];

    /// <summary>Values of a <see cref="PerAtomPropertyType.String"/> property, flat row-major; empty otherwise.</summary>
    public ImmutableArray<string> Strings { get; private init; } = [];

    /// <summary>The type letter used in <c>Properties</c>: S, R, I or L.</summary>
    public char TypeCode => CodeOf(Type);

    /// <summary>A real-valued property (any double, including non-finite ones).</summary>
    /// <param name="columns">Columns per atom (≥ 1).</param>
    /// <param name="values">Flat row-major values (atoms × columns).</param>
    /// <returns>The property.</returns>
    public static PerAtomProperty FromReals(int columns, IEnumerable<double> values)
    {
        ImmutableArray<double> v = [.. values ?? throw new ArgumentNullException(nameof(values))];
        return new(PerAtomPropertyType.Real, columns, v.Length) { Reals = v };
    }

    /// <summary>An integer property.</summary>
    /// <param name="columns">Columns per atom (≥ 1).</param>
    /// <param name="values">Flat row-major values (atoms × columns).</param>
    /// <returns>The property.</returns>
    public static PerAtomProperty FromIntegers(int columns, IEnumerable<long> values)
    {
        ImmutableArray<long> v = [.. values ?? throw new ArgumentNullException(nameof(values))];
        return new(PerAtomPropertyType.Integer, columns, v.Length) { Integers = v };
    }

    /// <summary>A logical property.</summary>
    /// <param name="columns">Columns per atom (≥ 1).</param>
    /// <param name="values">Flat row-major values (atoms × columns).</param>
    /// <returns>The property.</returns>
    public static PerAtomProperty FromLogicals(int columns, IEnumerable<bool> values)
    {
        ImmutableArray<bool> v = [.. values ?? throw new ArgumentNullException(nameof(values))];
        return new(PerAtomPropertyType.Logical, columns, v.Length) { Logicals = v };
    }

    /// <summary>A string property; each value must be non-empty and free of whitespace (a column of the file).</summary>
    /// <param name="columns">Columns per atom (≥ 1).</param>
    /// <param name="values">Flat row-major values (atoms × columns).</param>
    /// <returns>The property.</returns>
    /// <exception cref="ArgumentException">An empty value or one containing whitespace (named with its index).</exception>
    public static PerAtomProperty FromStrings(int columns, IEnumerable<string> values)
    {
        ImmutableArray<string> v = [.. values ?? throw new ArgumentNullException(nameof(values))];
        for (int i = 0; i < v.Length; i++)
        {
            if (string.IsNullOrEmpty(v[i]) || v[i].Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"String value [{i}] '{v[i]}' is empty or contains whitespace; it cannot be an extended XYZ column.", nameof(values));
            }
        }

        return new(PerAtomPropertyType.String, columns, v.Length) { Strings = v };
    }

    /// <inheritdoc />
    /// <remarks>Doubles compare bit for bit (so NaN equals NaN, and 0.0 differs from −0.0).</remarks>
    public bool Equals(PerAtomProperty? other)
        => other is not null && Type == other.Type && Columns == other.Columns && Count == other.Count
           && Reals.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(other.Reals.Select(BitConverter.DoubleToInt64Bits))
           && Integers.SequenceEqual(other.Integers)
           && Logicals.SequenceEqual(other.Logicals)
           && Strings.SequenceEqual(other.Strings, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PerAtomProperty);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Columns, Count);

    /// <summary>The type letter of a column type: S, R, I or L.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The letter.</returns>
    internal static char CodeOf(PerAtomPropertyType type) => type switch
    {
        PerAtomPropertyType.String => 'S',
        PerAtomPropertyType.Real => 'R',
        PerAtomPropertyType.Integer => 'I',
        _ => 'L',
    };

    /// <summary>The value at a flat index formatted for a file column (Python-compatible numbers, T/F).</summary>
    /// <param name="index">Flat index (atom × columns + column).</param>
    /// <returns>The text.</returns>
    internal string Format(int index) => Type switch
    {
        PerAtomPropertyType.Real => PythonLiteral.FormatFloat(Reals[index]),
        PerAtomPropertyType.Integer => PythonLiteral.FormatInt(Integers[index]),
        PerAtomPropertyType.Logical => Logicals[index] ? "T" : "F",
        _ => Strings[index],
    };
}
