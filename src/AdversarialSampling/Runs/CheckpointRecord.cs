namespace AdversarialSampling.Runs;

/// <summary>A file of the run directory whose content is vouched for by the run store.</summary>
/// <param name="Generation">Generation index (≥ 0).</param>
/// <param name="Name">Name, unique within the generation (e.g. "member-0.pt", "export/dataset.extxyz").</param>
/// <param name="RelativePath">Path relative to the run directory, with '/' separators.</param>
/// <param name="Sha256">SHA-256 of the content (64 lowercase hex digits).</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="RecordedUtc">When the record was committed (UTC).</param>
public sealed record CheckpointRecord(int Generation, string Name, string RelativePath, string Sha256, long Size, DateTimeOffset RecordedUtc);
