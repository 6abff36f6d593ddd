using System.Collections.Immutable;
using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.IO;

/// <summary>
/// Reads frames one at a time from a text reader, line by line, following ASE 3.22's extended XYZ reader, and
/// reports every problem as an <see cref="ExtendedXyzFormatException"/> with source, frame and line.
/// </summary>
internal sealed class ExtendedXyzParser
{
    private readonly TextReader _reader;
    private readonly string _source;
    private int _line;
    private int _frame;
    private ExtendedXyzProperties? _lastProperties;
    private string? _lastPropertiesText;

    /// <summary>Creates a parser.</summary>
    /// <param name="reader">The text to read (not disposed here).</param>
    /// <param name="source">The file path or a name for messages.</param>
    public ExtendedXyzParser(TextReader reader, string source)
    {
        _reader = reader;
        _source = source;
    }

    /// <summary>Reads frames lazily until the end of the text.</summary>
    /// <returns>Each frame with the line number of its comment line.</returns>
    public IEnumerable<(ExtendedXyzFrame Frame, int CommentLine)> Frames()
    {
        while (TryReadCount(out int atoms, out int countLine))
        {
            yield return ReadFrame(atoms, countLine);
            _frame++;
        }
    }

    private ExtendedXyzFormatException Error(int frame, int line, string detail, Exception? inner = null) => new(_source, frame, line, detail, inner);

    private ExtendedXyzFormatException Error(string detail, Exception? inner = null) => Error(_frame, _line, detail, inner);

    // The line that was expected but is missing: one past the last line of the file.
    private ExtendedXyzFormatException EndOfFile(string detail) => Error(_frame, _line + 1, detail);

    private string? NextLine()
    {
        string? text = _reader.ReadLine();
        if (text is not null)
        {
            _line++;
        }

        return text;
    }

    // Blank lines between frames are skipped (ASE stops reading at the first one).
    private bool TryReadCount(out int atoms, out int countLine)
    {
        atoms = 0;
        countLine = 0;
        string? text;
        do
        {
            text = NextLine();
            if (text is null)
            {
                return false;
            }
        }
        while (string.IsNullOrWhiteSpace(text));

        countLine = _line;
        string trimmed = text.Trim();
        if (!PythonLiteral.TryParseInt(trimmed, out long n, out _) || n < 0 || n > int.MaxValue / 3)
        {
            string hint = _frame > 0 ? "; the previous frame may have more atom lines than its count line says" : string.Empty;
            throw Error($"expected the atom count (a non-negative integer) on the first line of a frame, found '{Shorten(trimmed)}'{hint}");
        }

        atoms = (int)n;
        return true;
    }

    private (ExtendedXyzFrame, int) ReadFrame(int atoms, int countLine)
    {
        string comment = NextLine() ?? throw EndOfFile($"expected the comment line after the atom count {atoms} (line {countLine}), found the end of the file: the frame is truncated");
        int commentLine = _line;
        var header = ParseHeader(comment);
        var columns = new ColumnData(header.Properties);
        for (int atom = 0; atom < atoms; atom++)
        {
            string text = NextLine() ?? throw EndOfFile(
                $"expected atom line {atom + 1} of {atoms} (the count on line {countLine}), found the end of the file after {atom}: the frame is truncated");
            string[] fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != header.Properties.Width)
            {
                string hint = fields.Length == 1 && PythonLiteral.TryParseInt(fields[0], out _, out _)
                    ? $"; this looks like the next frame's atom count, so the frame has fewer atoms than the {atoms} on line {countLine}"
                    : string.Empty;
                throw Error($"atom {atom}: expected {header.Properties.Width} fields per Properties={header.PropertiesText}, found {fields.Length}: '{Shorten(text.Trim())}'{hint}");
            }

            try
            {
                columns.Add(fields);
            }
            catch (FormatException e)
            {
                throw Error($"atom {atom}: {e.Message}", e);
            }
        }

        try
        {
            return (Build(header, columns), commentLine);
        }
        catch (ArgumentException e)
        {
            string message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
            throw Error(_frame, commentLine, message, e);
        }
    }

    private Header ParseHeader(string comment)
    {
        try
        {
            var info = new Dictionary<string, object>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var (key, raw) in ExtendedXyzCommentLine.Split(comment))
            {
                if (!info.ContainsKey(key))
                {
                    order.Add(key);
                }

                info[key] = ExtendedXyzCommentLine.Convert(key, raw);
            }

            string propertiesText = ExtendedXyzProperties.Default;
            if (info.Remove("Properties", out var p))
            {
                propertiesText = p as string ?? throw new FormatException($"Properties: expected name:type:columns triplets, found {ValueText(p)}");
            }

            var cell = ParseCell(info);
            foreach (string key in new[] { ExtendedXyzFrame.StressKey, ExtendedXyzFrame.VirialKey })
            {
                if (info.TryGetValue(key, out var m) && Numbers(m) is { Length: 9 } v)
                {
                    info[key] = ImmutableArray.Create(v[0], v[3], v[6], v[1], v[4], v[7], v[2], v[5], v[8]); // file is column-major
                }
            }

            var ordered = order.Where(info.ContainsKey).Select(k => new KeyValuePair<string, object>(k, info[k])).ToList();
            if (propertiesText != _lastPropertiesText)
            {
                _lastProperties = ExtendedXyzProperties.Parse(propertiesText);
                _lastPropertiesText = propertiesText;
            }

            return new Header(_lastProperties!, propertiesText, cell, ordered);
        }
        catch (FormatException e)
        {
            throw Error($"comment line: {e.Message}", e);
        }
    }

    private static UnitCell? ParseCell(Dictionary<string, object> info)
    {
        bool[]? pbc = null;
        if (info.Remove("pbc", out var p))
        {
            pbc = p switch
            {
                bool b => [b, b, b],
                ImmutableArray<bool> { Length: 3 } a => [.. a],
                long l => [l != 0, l != 0, l != 0],
                ImmutableArray<long> { Length: 3 } a => [.. a.Select(x => x != 0)],
                _ => throw new FormatException($"pbc: expected 3 booleans such as \"T T F\", found {ValueText(p)}"),
            };
        }

        if (!info.Remove("Lattice", out var lattice))
        {
            if (pbc is not null && pbc.Contains(true))
            {
                throw new FormatException($"pbc=\"{string.Join(' ', pbc.Select(b => b ? 'T' : 'F'))}\" has periodic axes but there is no Lattice");
            }

            return null;
        }

        var v = Numbers(lattice);
        if (v is not { Length: 9 })
        {
            throw new FormatException($"Lattice: expected 9 numbers (3 lattice vectors, Å), found {ValueText(lattice)}");
        }

        try
        {
            return new UnitCell(v, pbc ?? [true, true, true]);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"Lattice: {e.Message}", e);
        }
    }

    private static ExtendedXyzFrame Build(Header header, ColumnData data)
    {
        var structure = new AtomicStructure(data.AtomicNumbers(), data.Reals("pos"), header.Cell, data.Constraints());
        return new ExtendedXyzFrame(structure, header.Info, data.ExtraArrays());
    }

    private static double[]? Numbers(object value) => value switch
    {
        ImmutableArray<double> a => [.. a],
        ImmutableArray<long> a => [.. a.Select(x => (double)x)],
        _ => null,
    };

    private static string ValueText(object value) => value switch
    {
        string s => $"'{Shorten(s)}'",
        bool b => b ? "T" : "F",
        long l => PythonLiteral.FormatInt(l),
        double d => PythonLiteral.FormatFloat(d),
        ImmutableArray<double> a => a.Length == 0 ? "no values" : $"{a.Length} numbers",
        ImmutableArray<long> a => a.Length == 0 ? "no values" : $"{a.Length} numbers",
        ImmutableArray<bool> a => $"{a.Length} booleans",
        ImmutableArray<string> a => $"{a.Length} strings",
        _ => value.GetType().Name,
    };

    private static string Shorten(string s) => s.Length <= 80 ? s : string.Concat(s.AsSpan(0, 77), "...");

    private sealed record Header(ExtendedXyzProperties Properties, string PropertiesText, UnitCell? Cell, List<KeyValuePair<string, object>> Info);

    /// <summary>Accumulates the per-atom columns of one frame.</summary>
    private sealed class ColumnData(ExtendedXyzProperties properties)
    {
        private readonly Dictionary<string, System.Collections.IList> _values = properties.Columns.ToDictionary(
            c => c.Name,
            c => (System.Collections.IList)(c.Type switch
            {
                PerAtomPropertyType.Real => new List<double>(),
                PerAtomPropertyType.Integer => new List<long>(),
                PerAtomPropertyType.Logical => new List<bool>(),
                _ => new List<string>(),
            }),
            StringComparer.Ordinal);

        public void Add(string[] fields)
        {
            foreach (var column in properties.Columns)
            {
                var list = _values[column.Name];
                for (int k = 0; k < column.Count; k++)
                {
                    string field = fields[column.Start + k];
                    switch (list)
                    {
                        case List<double> reals:
                            reals.Add(ParseReal(column, k, field));
                            break;
                        case List<long> integers:
                            integers.Add(ParseInteger(column, k, field));
                            break;
                        case List<bool> logicals:
                            logicals.Add(ParseLogical(column, k, field));
                            break;
                        default:
                            ((List<string>)list).Add(ParseString(column, field));
                            break;
                    }
                }
            }
        }

        public int[] AtomicNumbers()
        {
            var species = properties.Find("species") is null ? null : (List<string>)_values["species"];
            var z = properties.Find("Z") is null ? null : (List<long>)_values["Z"];
            int n = species?.Count ?? z!.Count;
            var result = new int[n];
            for (int i = 0; i < n; i++)
            {
                result[i] = z is null ? Species(species![i], i) : (int)z[i];
                if (species is not null && z is not null && Elements.Symbol(result[i]) != Capitalize(species[i]))
                {
                    throw new ArgumentException($"atom {i}: species '{species[i]}' disagrees with Z = {z[i]}");
                }
            }

            return result;
        }

        public List<double> Reals(string name) => (List<double>)_values[name];

        public StructureConstraints Constraints()
        {
            var mask = properties.Find("move_mask");
            if (mask is null)
            {
                return StructureConstraints.None;
            }

            var m = (List<bool>)_values["move_mask"];
            if (mask.Count == 1)
            {
                return new StructureConstraints(Enumerable.Range(0, m.Count).Where(i => !m[i]));
            }

            var fixedCartesian = Enumerable.Range(0, m.Count / 3)
                .Where(a => !(m[3 * a] && m[3 * a + 1] && m[3 * a + 2]))
                .Select(a => new FixedCartesian(a, !m[3 * a], !m[3 * a + 1], !m[3 * a + 2]));
            return new StructureConstraints(null, fixedCartesian);
        }

        public IEnumerable<KeyValuePair<string, PerAtomProperty>> ExtraArrays()
        {
            foreach (var c in properties.Columns)
            {
                if (c.Name is "species" or "pos" or "Z" or "move_mask")
                {
                    continue;
                }

                var values = _values[c.Name];
                yield return new(c.Name, c.Type switch
                {
                    PerAtomPropertyType.Real => PerAtomProperty.FromReals(c.Count, (List<double>)values),
                    PerAtomPropertyType.Integer => PerAtomProperty.FromIntegers(c.Count, (List<long>)values),
                    PerAtomPropertyType.Logical => PerAtomProperty.FromLogicals(c.Count, (List<bool>)values),
                    _ => PerAtomProperty.FromStrings(c.Count, (List<string>)values),
                });
            }
        }

        private static string Where(ExtendedXyzProperties.Column column, int k) => column.Count == 1 ? column.Name : $"{column.Name}[{k}]";

        private static double ParseReal(ExtendedXyzProperties.Column column, int k, string field)
        {
            if (!PythonLiteral.TryParseFloat(field, out double d))
            {
                throw new FormatException($"{Where(column, k)}: expected a real number, found '{Shorten(field)}'");
            }

            if (!double.IsFinite(d) && column.Name is "pos" or "forces")
            {
                throw new FormatException($"{Where(column, k)}: expected a finite number, found '{field}'");
            }

            return d;
        }

        private static long ParseInteger(ExtendedXyzProperties.Column column, int k, string field)
        {
            if (!PythonLiteral.TryParseInt(field, out long l, out _))
            {
                throw new FormatException($"{Where(column, k)}: expected an integer, found '{Shorten(field)}'");
            }

            if (column.Name == "Z" && (l < 1 || l > Elements.Count))
            {
                throw new FormatException($"{Where(column, k)}: expected an atomic number 1..{Elements.Count}, found {l}");
            }

            return l;
        }

        private static bool ParseLogical(ExtendedXyzProperties.Column column, int k, string field) => field switch
        {
            "T" or "True" => true,
            "F" or "False" => false,
            _ => throw new FormatException($"{Where(column, k)}: expected T, F, True or False, found '{Shorten(field)}'"),
        };

        private static string ParseString(ExtendedXyzProperties.Column column, string field)
        {
            if (column.Name == "species")
            {
                _ = Species(field, -1);
            }

            return field;
        }

        private static int Species(string symbol, int atom)
            => Elements.TryGetAtomicNumber(Capitalize(symbol), out int z)
                ? z
                : throw new FormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"species: unknown element '{Shorten(symbol)}'{(atom >= 0 ? $" (atom {atom})" : string.Empty)}; expected a chemical symbol such as H, N or Cl"));

        // Python's str.capitalize: first character upper case, the rest lower case (ASE reads "CL" as Cl).
        private static string Capitalize(string s)
            => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
    }
}
