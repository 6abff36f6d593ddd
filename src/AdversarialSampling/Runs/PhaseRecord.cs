namespace AdversarialSampling.Runs;

/// <summary>A completed phase of a generation (train member k, attack, select, label, merge, evaluate, ...).</summary>
/// <param name="Generation">Generation index (≥ 0).</param>
/// <param name="Phase">Phase name, as the loop chose it (e.g. "train-2", "label").</param>
/// <param name="PayloadJson">What the phase produced, as JSON, or null.</param>
/// <param name="CompletedUtc">When it was committed (UTC).</param>
public sealed record PhaseRecord(int Generation, string Phase, string? PayloadJson, DateTimeOffset CompletedUtc);
