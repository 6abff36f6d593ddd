using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>The measurements of one loop (method, seed), cached as metrics.json next to its run.</summary>
public sealed record LoopMetrics
{
    /// <summary>JSON options (NaN allowed).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Method key.</summary>
    public required string Method { get; init; }

    /// <summary>Loop seed.</summary>
    public required int Seed { get; init; }

    /// <summary>The settings key the loop ran with.</summary>
    public required string Settings { get; init; }

    /// <summary>Start (UTC).</summary>
    public required DateTime StartedUtc { get; init; }

    /// <summary>End (UTC).</summary>
    public required DateTime EndedUtc { get; init; }

    /// <summary>False for a loop measured while it was still running (or stopped) by --report-only: only its finished generations, and
    /// stability results only where already measured.</summary>
    public bool Complete { get; init; } = true;

    /// <summary>Generations 0 … G.</summary>
    public required IReadOnlyList<GenerationMetrics> Generations { get; init; }

    /// <summary>Reads a metrics file.</summary>
    /// <param name="path">Path.</param>
    /// <returns>The metrics.</returns>
    public static LoopMetrics Read(string path) => JsonSerializer.Deserialize<LoopMetrics>(File.ReadAllText(path), JsonOptions)!;

    /// <summary>Writes the metrics.</summary>
    /// <param name="path">Path.</param>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));
}
