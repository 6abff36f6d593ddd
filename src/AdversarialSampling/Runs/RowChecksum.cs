using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AdversarialSampling.Runs;

/// <summary>
/// SHA-256 of a row's values, stored with the row and verified on every read. SQLite checks page structure but
/// not content: a page lost to truncation can read back as zeros that <c>PRAGMA integrity_check</c> accepts (the
/// tail page of an overflow chain, for one). The checksum turns that into a <see cref="RunStoreCorruptException"/>
/// instead of wrong data.
/// </summary>
internal static class RowChecksum
{
    /// <summary>
    /// The checksum of <paramref name="values"/> (null, integers, doubles or strings) in table
    /// <paramref name="table"/>: every value typed and length-prefixed, so that no two rows share a text.
    /// </summary>
    public static string Of(string table, IReadOnlyList<object?> values)
    {
        var text = new StringBuilder(table).Append('\n');
        foreach (object? value in values)
        {
            switch (value)
            {
                case null or DBNull:
                    text.Append("N\n");
                    break;
                case int or long:
                    text.Append('I').Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)).Append('\n');
                    break;
                case double d:
                    text.Append('R').Append(d.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                    break;
                case string s:
                    text.Append('S').Append(s.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(s).Append('\n');
                    break;
                default:
                    throw new ArgumentException($"Unsupported column value type {value.GetType().Name}.", nameof(values));
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
