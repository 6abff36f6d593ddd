using System.Collections.Immutable;
using System.Text.Json;

namespace AdversarialSampling.IO;

/// <summary>
/// Reads the JSON that ASE writes after a <c>_JSON </c> prefix (Python's <c>json</c> module, which also
/// accepts <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>) into a metadata value when it is a scalar or a flat
/// array of one kind, as <c>numpy.array(json.loads(text))</c> would type it.
/// </summary>
internal static class FlatJson
{
    private static readonly System.Buffers.SearchValues<char> NumberChars = System.Buffers.SearchValues.Create("0123456789-+.eE");

    /// <summary>Outcome of <see cref="TryParse"/>.</summary>
    public enum Result
    {
        /// <summary>A scalar or flat array of one kind; the value is set.</summary>
        Mapped,

        /// <summary>Valid JSON that has no metadata form (objects, nested or mixed arrays, null).</summary>
        Unmapped,

        /// <summary>Not valid JSON.</summary>
        Invalid,
    }

    /// <summary>Parses JSON text into a metadata value.</summary>
    /// <param name="text">The JSON text.</param>
    /// <param name="value">string, bool, long, double, or an ImmutableArray of one of them.</param>
    /// <returns>Whether the text mapped, was valid but unmapped, or invalid.</returns>
    public static Result TryParse(string text, out object? value)
    {
        value = null;
        int pos = 0;
        SkipSpace(text, ref pos);
        if (pos < text.Length && text[pos] == '[')
        {
            pos++;
            var items = new List<object>();
            SkipSpace(text, ref pos);
            if (pos < text.Length && text[pos] == ']')
            {
                pos++;
            }
            else
            {
                while (true)
                {
                    if (!TryScalar(text, ref pos, out var item))
                    {
                        return IsValidJson(text) ? Result.Unmapped : Result.Invalid;
                    }

                    items.Add(item);
                    SkipSpace(text, ref pos);
                    if (pos < text.Length && text[pos] == ',')
                    {
                        pos++;
                        continue;
                    }

                    if (pos < text.Length && text[pos] == ']')
                    {
                        pos++;
                        break;
                    }

                    return Result.Invalid;
                }
            }

            SkipSpace(text, ref pos);
            if (pos != text.Length)
            {
                return Result.Invalid;
            }

            value = ToArray(items);
            return value is null ? Result.Unmapped : Result.Mapped;
        }

        if (TryScalar(text, ref pos, out var scalar))
        {
            SkipSpace(text, ref pos);
            if (pos == text.Length)
            {
                value = scalar;
                return Result.Mapped;
            }

            return Result.Invalid;
        }

        return IsValidJson(text) ? Result.Unmapped : Result.Invalid;
    }

    private static object? ToArray(List<object> items)
    {
        if (items.Count == 0)
        {
            return ImmutableArray<double>.Empty; // numpy.array([]) is float64
        }

        if (items.TrueForAll(i => i is string))
        {
            return items.Cast<string>().ToImmutableArray();
        }

        if (items.TrueForAll(i => i is bool))
        {
            return items.Cast<bool>().ToImmutableArray();
        }

        if (items.TrueForAll(i => i is long))
        {
            return items.Cast<long>().ToImmutableArray();
        }

        if (items.TrueForAll(i => i is long or double))
        {
            return items.Select(i => i is long l ? l : (double)i).ToImmutableArray();
        }

        return null;
    }

    private static bool TryScalar(string text, ref int pos, out object value)
    {
        value = string.Empty;
        SkipSpace(text, ref pos);
        if (pos >= text.Length)
        {
            return false;
        }

        if (text[pos] == '"')
        {
            int end = pos + 1;
            while (end < text.Length && text[end] != '"')
            {
                end += text[end] == '\\' ? 2 : 1;
            }

            if (end >= text.Length)
            {
                return false;
            }

            try
            {
                value = JsonSerializer.Deserialize<string>(text.AsSpan(pos, end - pos + 1))!;
            }
            catch (JsonException)
            {
                return false;
            }

            pos = end + 1;
            return true;
        }

        int start = pos;
        while (pos < text.Length && !char.IsWhiteSpace(text[pos]) && text[pos] is not ',' and not ']' and not '[')
        {
            pos++;
        }

        var token = text.AsSpan(start, pos - start);
        switch (token)
        {
            case "true":
                value = true;
                return true;
            case "false":
                value = false;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            case "Infinity":
                value = double.PositiveInfinity;
                return true;
            case "-Infinity":
                value = double.NegativeInfinity;
                return true;
        }

        bool isJsonNumber = token.Length > 0 && token[0] != '+' && !token.ContainsAnyExcept(NumberChars);
        if (isJsonNumber && token.IndexOfAny(".eE") < 0 && PythonLiteral.TryParseInt(token, out long l, out _))
        {
            value = l;
            return true;
        }

        if (isJsonNumber && PythonLiteral.TryParseFloat(token, out double d))
        {
            value = d;
            return true;
        }

        pos = start;
        return false;
    }

    private static bool IsValidJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void SkipSpace(string text, ref int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }
    }
}
