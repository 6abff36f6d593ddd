using System.Globalization;

namespace AdversarialSampling.IO;

/// <summary>
/// A parsed <c>Properties=name:type:columns:…</c> specification: the column groups of each atom line, in order.
/// </summary>
internal sealed class ExtendedXyzProperties
{
    /// <summary>ASE's default when a frame has no <c>Properties</c> key.</summary>
    public const string Default = "species:S:1:pos:R:3";

    private ExtendedXyzProperties(List<Column> columns)
    {
        Columns = columns;
        Width = columns.Sum(c => c.Count);
    }

    /// <summary>Column groups in file order.</summary>
    public IReadOnlyList<Column> Columns { get; }

    /// <summary>Total number of whitespace-separated fields on an atom line.</summary>
    public int Width { get; }

    /// <summary>Parses a specification.</summary>
    /// <param name="spec">The text, e.g. <c>species:S:1:pos:R:3:forces:R:3</c>.</param>
    /// <returns>The columns.</returns>
    /// <exception cref="FormatException">Malformed specification (what and where).</exception>
    public static ExtendedXyzProperties Parse(string spec)
    {
        string[] fields = spec.Split(':');
        if (fields.Length % 3 != 0)
        {
            throw new FormatException($"Properties='{spec}': expected name:type:columns triplets, found {fields.Length} ':'-separated fields");
        }

        var columns = new List<Column>();
        int start = 0;
        for (int i = 0; i < fields.Length; i += 3)
        {
            string name = fields[i];
            PerAtomPropertyType type = fields[i + 1] switch
            {
                "S" => PerAtomPropertyType.String,
                "R" => PerAtomPropertyType.Real,
                "I" => PerAtomPropertyType.Integer,
                "L" => PerAtomPropertyType.Logical,
                _ => throw new FormatException($"Properties='{spec}': property '{name}' has type '{fields[i + 1]}'; expected S, R, I or L"),
            };
            if (!int.TryParse(fields[i + 2], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
            {
                throw new FormatException($"Properties='{spec}': property '{name}' has column count '{fields[i + 2]}'; expected a positive integer");
            }

            if (name.Length == 0 || columns.Exists(c => c.Name == name))
            {
                throw new FormatException($"Properties='{spec}': property name '{name}' is empty or repeated");
            }

            columns.Add(new Column(name, type, count, start));
            start += count;
        }

        var result = new ExtendedXyzProperties(columns);
        result.Require("pos", PerAtomPropertyType.Real, 3, spec);
        if (result.Find("species") is null && result.Find("Z") is null)
        {
            throw new FormatException($"Properties='{spec}': expected a species:S:1 or Z:I:1 column for the elements, found neither");
        }

        result.Require("species", PerAtomPropertyType.String, 1, spec, optional: true);
        result.Require("Z", PerAtomPropertyType.Integer, 1, spec, optional: true);
        result.Require("forces", PerAtomPropertyType.Real, 3, spec, optional: true);
        var mask = result.Find("move_mask");
        if (mask is not null && (mask.Type != PerAtomPropertyType.Logical || mask.Count is not (1 or 3)))
        {
            throw new FormatException($"Properties='{spec}': expected move_mask:L:1 or move_mask:L:3, found move_mask:{mask.Code}:{mask.Count}");
        }

        return result;
    }

    /// <summary>The column group of a name, or null.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The column or null.</returns>
    public Column? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    private void Require(string name, PerAtomPropertyType type, int count, string spec, bool optional = false)
    {
        var c = Find(name);
        if (c is null && optional)
        {
            return;
        }

        if (c is null || c.Type != type || c.Count != count)
        {
            string expected = $"{name}:{PerAtomProperty.CodeOf(type)}:{count}";
            throw new FormatException($"Properties='{spec}': expected {expected}, found {(c is null ? "no " + name : $"{name}:{c.Code}:{c.Count}")}");
        }
    }

    /// <summary>One property: name, type, number of columns and first field index on the atom line.</summary>
    /// <param name="Name">Property name.</param>
    /// <param name="Type">Column type.</param>
    /// <param name="Count">Number of columns.</param>
    /// <param name="Start">Zero-based index of the first field.</param>
    public sealed record Column(string Name, PerAtomPropertyType Type, int Count, int Start)
    {
        /// <summary>The type letter (S, R, I, L).</summary>
        public char Code => PerAtomProperty.CodeOf(Type);
    }
}
