namespace AdversarialSampling.Runs;

/// <summary>What a run was started with (written once, by <see cref="RunStoreWriter.InitializeRun"/>).</summary>
/// <param name="ConfigJson">The run configuration as JSON (everything needed to resume).</param>
/// <param name="Seed">The master random seed.</param>
/// <param name="LibraryVersion">Version of this library that created the run.</param>
/// <param name="CreatedUtc">When the run was initialised (UTC).</param>
public sealed record RunRecord(string ConfigJson, long Seed, string LibraryVersion, DateTimeOffset CreatedUtc);
