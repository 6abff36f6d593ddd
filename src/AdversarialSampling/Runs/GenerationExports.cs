namespace AdversarialSampling.Runs;

/// <summary>The recorded exports of one generation (see <see cref="CheckpointFiles.WriteGenerationExports"/>).</summary>
/// <param name="Dataset">The record of <c>generations/gen-NNN/dataset.extxyz</c>.</param>
/// <param name="Report">The record of <c>generations/gen-NNN/report.json</c>.</param>
public sealed record GenerationExports(CheckpointRecord Dataset, CheckpointRecord Report);
