using System.Globalization;

namespace AdversarialSampling.IO;

/// <summary>
/// Number parsing and formatting with Python's rules, so that extended XYZ values mean in .NET exactly what
/// they mean to ASE: <c>int()</c> accepts an optional sign and digits with single underscores between them;
/// <c>float()</c> also accepts a decimal point, an exponent, and <c>inf</c>/<c>infinity</c>/<c>nan</c> in any
/// case. Parsing is correctly rounded on both sides, so the same text gives bit-identical doubles.
/// </summary>
internal static class PythonLiteral
{
    /// <summary>Parses a Python integer literal as <c>int()</c> does.</summary>
    /// <param name="s">The token (no surrounding whitespace).</param>
    /// <param name="value">The value when it fits in 64 bits.</param>
    /// <param name="overflow">True if the text is a valid integer that does not fit in 64 bits.</param>
    /// <returns>True if the text is a valid integer that fits in a <see cref="long"/>.</returns>
    public static bool TryParseInt(ReadOnlySpan<char> s, out long value, out bool overflow)
    {
        value = 0;
        overflow = false;
        if (!IsDigitGroups(s.Length > 0 && (s[0] == '+' || s[0] == '-') ? s[1..] : s))
        {
            return false;
        }

        string plain = s.Contains('_') ? s.ToString().Replace("_", string.Empty, StringComparison.Ordinal) : s.ToString();
        if (long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        overflow = true;
        return false;
    }

    /// <summary>Parses a Python float literal as <c>float()</c> does (correctly rounded; overflow gives ±∞).</summary>
    /// <param name="s">The token (no surrounding whitespace).</param>
    /// <param name="value">The value.</param>
    /// <returns>True if the text is a valid Python float literal.</returns>
    public static bool TryParseFloat(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        bool negative = s.Length > 0 && s[0] == '-';
        var body = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? s[1..] : s;
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (!IsDecimalLiteral(body))
        {
            return false;
        }

        string plain = s.Contains('_') ? s.ToString().Replace("_", string.Empty, StringComparison.Ordinal) : s.ToString();
        return double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Formats a double so that Python reads it back as a float with the same bits: shortest round-trip
    /// digits, always with a decimal point or exponent (<c>1.0</c>, not <c>1</c>), and <c>nan</c>,
    /// <c>inf</c>, <c>-inf</c> for non-finite values.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        string s = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return s.AsSpan().IndexOfAny('.', 'e') < 0 ? s + ".0" : s;
    }

    /// <summary>Formats an integer (invariant culture).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatInt(long value) => value.ToString(CultureInfo.InvariantCulture);

    // digit ( '_'? digit )*
    private static bool IsDigitGroups(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[^1]))
        {
            return false;
        }

        for (int i = 1; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i]) && !(s[i] == '_' && char.IsAsciiDigit(s[i - 1]) && char.IsAsciiDigit(s[i + 1])))
            {
                return false;
            }
        }

        return true;
    }

    // (digits ('.' digits?)? | '.' digits) (('e'|'E') sign? digits)?
    private static bool IsDecimalLiteral(ReadOnlySpan<char> s)
    {
        int e = s.IndexOfAny('e', 'E');
        var mantissa = e < 0 ? s : s[..e];
        if (e >= 0)
        {
            var exponent = s[(e + 1)..];
            if (exponent.Length > 0 && (exponent[0] == '+' || exponent[0] == '-'))
            {
                exponent = exponent[1..];
            }

            if (!IsDigitGroups(exponent))
            {
                return false;
            }
        }

        int dot = mantissa.IndexOf('.');
        if (dot < 0)
        {
            return IsDigitGroups(mantissa);
        }

        var whole = mantissa[..dot];
        var fraction = mantissa[(dot + 1)..];
        return (whole.IsEmpty || IsDigitGroups(whole))
            && (fraction.IsEmpty || IsDigitGroups(fraction))
            && !(whole.IsEmpty && fraction.IsEmpty);
    }
}
