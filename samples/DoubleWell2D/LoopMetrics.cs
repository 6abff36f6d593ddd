using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>One loop's measurements, kept as <c>metrics.json</c> in its run directory so results can be rebuilt (and finished loops skipped).</summary>
public sealed record LoopMetrics
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Method key.</summary>
    public required string Method { get; init; }

    /// <summary>Loop index.</summary>
    public required int Loop { get; init; }

    /// <summary>Seed.</summary>
    public required int Seed { get; init; }

    /// <summary>The settings that made it (compared before a loop is reused).</summary>
    public required string Settings { get; init; }

    /// <summary>When the loop started (UTC).</summary>
    public DateTime StartedUtc { get; init; }

    /// <summary>When its metrics were written (UTC).</summary>
    public DateTime EndedUtc { get; init; }

    /// <summary>One record per generation.</summary>
    public required IReadOnlyList<GenerationMetrics> Generations { get; init; }

    /// <summary>Writes the file atomically (temporary file, then rename).</summary>
    /// <param name="path">File path.</param>
    public void Write(string path)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a file written by <see cref="Write"/>.</summary>
    /// <param name="path">File path.</param>
    /// <returns>The metrics.</returns>
    public static LoopMetrics Read(string path)
        => JsonSerializer.Deserialize<LoopMetrics>(File.ReadAllText(path), Json) ?? throw new JsonException($"{path} holds no loop metrics.");
}
