using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AdversarialSampling.IO;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Runs;

/// <summary>
/// Text forms of what the run store keeps: structures and samples as one extended XYZ frame (exact round trip),
/// number arrays as JSON with round-trip doubles, times as ISO 8601 UTC, hashes as lowercase hex SHA-256.
/// </summary>
internal static class StoreText
{
    public static string StructureToXyz(AtomicStructure structure) => FrameToText(new ExtendedXyzFrame(structure));

    public static string SampleToXyz(LabelledSample sample) => FrameToText(ExtendedXyzFrame.FromSample(sample));

    public static AtomicStructure XyzToStructure(string text, string source) => ReadSingleFrame(text, source).Structure;

    public static LabelledSample XyzToSample(string text, string source) => ReadSingleFrame(text, source).ToLabelledSample();

    public static string? DoublesToJson(IReadOnlyList<double>? values)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder(values.Count * 20).Append('[');
        for (int i = 0; i < values.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(values[i].ToString("R", CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }

    public static ImmutableArray<double> JsonToDoubles(string? json, string source)
    {
        if (json is null)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(e => e.GetDouble())];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new RunStoreCorruptException($"The run store holds an unreadable number array in {source}: {e.Message}", e);
        }
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text)
        => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string FormatDouble(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "null";

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="json"/> is one valid JSON value.</summary>
    public static void RequireJson(string? json, string paramName, bool allowNull)
    {
        if (json is null)
        {
            if (!allowNull)
            {
                throw new ArgumentNullException(paramName);
            }

            return;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Not valid JSON: {e.Message}", paramName, e);
        }
    }

    private static string FrameToText(ExtendedXyzFrame frame)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        ExtendedXyzWriter.WriteFrame(writer, frame);
        return writer.ToString();
    }

    private static ExtendedXyzFrame ReadSingleFrame(string text, string source)
    {
        try
        {
            using var reader = new StringReader(text);
            var frames = ExtendedXyzReader.ReadFrames(reader, source).ToList();
            return frames.Count == 1
                ? frames[0]
                : throw new RunStoreCorruptException($"The run store holds {frames.Count} frames instead of one in {source}.");
        }
        catch (Exception e) when (e is ExtendedXyzFormatException or ArgumentException or InvalidOperationException)
        {
            throw new RunStoreCorruptException($"The run store holds an unreadable structure in {source}: {e.Message}", e);
        }
    }
}
