using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace AdversarialSampling.IO;

/// <summary>
/// The key=value grammar of the extended XYZ comment line, exactly as ASE 3.22's
/// <c>ase.io.extxyz.key_val_str_to_dict</c> reads it, and the inverse used when writing.
/// </summary>
/// <remarks>
/// Reading: pairs are separated by whitespace; <c>"…"</c>, <c>'…'</c>, <c>{…}</c> and <c>[…]</c> delimit text that
/// may contain spaces; a backslash takes the next character literally; a key without <c>=</c> means true.
/// A value whose tokens (split on whitespace and commas) are all integers becomes a long (array), else all floats
/// a double (array), else all <c>T</c>/<c>F</c> a bool (array); <c>_JSON …</c> is JSON; anything else a string.
/// The key <c>uid</c> always stays a string. Writing picks a form that reads back as the same value in ASE and
/// here: strings that would read as something else (numbers, <c>T</c>, empty, with line breaks) are written as
/// <c>_JSON "…"</c>, one-element and empty arrays as <c>_JSON […]</c>, doubles always with a point or exponent.
/// </remarks>
internal static class ExtendedXyzCommentLine
{
    private const string JsonPrefix = "_JSON ";

    /// <summary>Splits a comment line into raw key/value pairs (values still text), in order.</summary>
    /// <param name="line">The comment line.</param>
    /// <returns>Pairs; a bare key has the value "T".</returns>
    /// <exception cref="FormatException">Unterminated quote or a value without a key.</exception>
    public static List<KeyValuePair<string, string>> Split(string line)
    {
        var pairs = new List<List<StringBuilder>> { new() { new StringBuilder() } };
        char? closing = null;
        bool escaped = false;
        foreach (char c in line.Trim())
        {
            var segment = pairs[^1][^1];
            if (escaped)
            {
                segment.Append(c);
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (closing is not null)
            {
                if (c == closing)
                {
                    closing = null;
                }
                else
                {
                    segment.Append(c);
                }
            }
            else if (c is '"' or '\'' or '{' or '[')
            {
                closing = c switch { '{' => '}', '[' => ']', _ => c };
            }
            else if (char.IsWhiteSpace(c))
            {
                if (segment.Length > 0)
                {
                    pairs.Add([new StringBuilder()]);
                }
            }
            else if (c == '=')
            {
                if (pairs[^1].Count == 1 && segment.Length == 0)
                {
                    pairs.RemoveAt(pairs.Count - 1);
                    if (pairs.Count == 0)
                    {
                        throw new FormatException("'=' without a key before it");
                    }
                }

                pairs[^1].Add(new StringBuilder());
            }
            else
            {
                segment.Append(c);
            }
        }

        if (closing is not null)
        {
            throw new FormatException($"unterminated value: no closing {closing} before the end of the line");
        }

        var result = new List<KeyValuePair<string, string>>(pairs.Count);
        foreach (var pair in pairs)
        {
            string key = pair[0].ToString();
            if (pair.Count == 1 && key.Length == 0)
            {
                continue; // empty line
            }

            if (key.Length == 0)
            {
                throw new FormatException($"a value '{string.Join('=', pair.Skip(1))}' has an empty key");
            }

            result.Add(new(key, pair.Count == 1 ? "T" : string.Join('=', pair.Skip(1))));
        }

        return result;
    }

    /// <summary>Converts a raw value to its typed form as ASE does (see the class remarks).</summary>
    /// <param name="key">The key (<c>uid</c> is never converted).</param>
    /// <param name="raw">The raw text.</param>
    /// <returns>string, bool, long, double, or an ImmutableArray of one of them.</returns>
    /// <exception cref="FormatException">A <c>_JSON</c> value that is not valid JSON.</exception>
    public static object Convert(string key, string raw)
    {
        if (key.Equals("uid", StringComparison.OrdinalIgnoreCase))
        {
            return raw;
        }

        string[] tokens = raw.Split([' ', '\t', '\n', '\r', '\f', '\v', ','], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length > 0 && tokens.Any(t => t.Any(char.IsWhiteSpace)))
        {
            tokens = [.. tokens.SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))];
        }

        var longs = new long[tokens.Length];
        if (Enumerable.Range(0, tokens.Length).All(i => PythonLiteral.TryParseInt(tokens[i], out longs[i], out _)))
        {
            return longs.Length == 1 ? longs[0] : longs.ToImmutableArray();
        }

        var doubles = new double[tokens.Length];
        if (Enumerable.Range(0, tokens.Length).All(i => PythonLiteral.TryParseFloat(tokens[i], out doubles[i])))
        {
            return doubles.Length == 1 ? doubles[0] : doubles.ToImmutableArray();
        }

        if (tokens.All(t => t is "T" or "F"))
        {
            return tokens.Length == 1 ? tokens[0] == "T" : tokens.Select(t => t == "T").ToImmutableArray();
        }

        if (raw.StartsWith(JsonPrefix, StringComparison.Ordinal))
        {
            return FlatJson.TryParse(raw[JsonPrefix.Length..], out var value) switch
            {
                FlatJson.Result.Mapped => value!,
                FlatJson.Result.Unmapped => raw,
                _ => throw new FormatException($"value '{raw}' starts with '_JSON ' but the rest is not valid JSON"),
            };
        }

        return raw;
    }

    /// <summary>Formats one <c>key=value</c> entry so that ASE and this reader read back the same key and value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">A normalised metadata value (string, bool, long, double or ImmutableArray of one).</param>
    /// <returns>The entry text.</returns>
    public static string FormatEntry(string key, object value) => Quote(key) + "=" + Quote(FormatValue(key, value));

    /// <summary>Formats a sequence of doubles as space-separated Python floats.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The text.</returns>
    public static string JoinFloats(IEnumerable<double> values) => string.Join(' ', values.Select(PythonLiteral.FormatFloat));

    /// <summary>Quotes and escapes text when it would not survive <see cref="Split"/> unquoted.</summary>
    /// <param name="text">Non-empty text.</param>
    /// <returns>The text, or <c>"…"</c> with <c>\</c> and <c>"</c> escaped.</returns>
    public static string Quote(string text)
    {
        bool plain = text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '{' or '}' or '[' or ']' or '=' or ',' or '\\');
        return plain ? text : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    private static string FormatValue(string key, object value) => value switch
    {
        string s => ReadsBackUnchanged(key, s) ? s : JsonPrefix + JsonSerializer.Serialize(s),
        bool b => b ? "T" : "F",
        long l => PythonLiteral.FormatInt(l),
        double d => PythonLiteral.FormatFloat(d),
        ImmutableArray<string> a => JsonPrefix + "[" + string.Join(", ", a.Select(s => JsonSerializer.Serialize(s))) + "]",
        ImmutableArray<bool> a => FormatArray(a, b => b ? "T" : "F", b => b ? "true" : "false"),
        ImmutableArray<long> a => FormatArray(a, PythonLiteral.FormatInt, PythonLiteral.FormatInt),
        ImmutableArray<double> a => FormatArray(a, PythonLiteral.FormatFloat, JsonFloat),
        _ => throw new ArgumentException($"Info '{key}' has unsupported type {value.GetType().Name}.", nameof(value)),
    };

    private static bool ReadsBackUnchanged(string key, string s)
    {
        if (s.Any(char.IsControl))
        {
            return false;
        }

        try
        {
            return Convert(key, s) is string back && back == s;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Two or more items: space-separated (ASE's own form); zero or one: JSON, because "5" would read as a scalar.
    private static string FormatArray<T>(ImmutableArray<T> items, Func<T, string> plain, Func<T, string> json)
        => items.Length >= 2
            ? string.Join(' ', items.Select(plain))
            : JsonPrefix + "[" + string.Join(", ", items.Select(json)) + "]";

    private static string JsonFloat(double d) => double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : PythonLiteral.FormatFloat(d);
}
