using System.Globalization;
using System.Security.Cryptography;
using AdversarialSampling.IO;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Runs;

/// <summary>
/// Checkpoint and export files of a run directory, written atomically (<see cref="AtomicFile"/>) and vouched for by
/// a SHA-256 and size recorded in the <see cref="RunStore"/>; loading verifies them, so a torn, truncated or
/// replaced file is never used (N3).
/// </summary>
/// <remarks>
/// <para>Layout: checkpoints in <c>checkpoints/gen-NNN/NAME</c>; per-generation exports in
/// <c>generations/gen-NNN/dataset.extxyz</c> and <c>report.json</c> (recorded as
/// <c>export/dataset.extxyz</c> and <c>export/report.json</c>).</para>
/// <para>Rewriting a checkpoint keeps the previous good file as <c>NAME.prev</c> until the new one is recorded:
/// a crash in between leaves the recorded content in <c>NAME.prev</c>, which loading verifies and restores.</para>
/// </remarks>
public sealed class CheckpointFiles
{
    /// <summary>Directory of checkpoints, relative to the run directory.</summary>
    public const string CheckpointsDirectoryName = "checkpoints";

    /// <summary>Directory of per-generation exports, relative to the run directory.</summary>
    public const string GenerationsDirectoryName = "generations";

    /// <summary>File name of a generation's exported dataset (extended XYZ).</summary>
    public const string DatasetFileName = "dataset.extxyz";

    /// <summary>File name of a generation's report (JSON).</summary>
    public const string ReportFileName = "report.json";

    /// <summary>Suffix of the previous good copy kept while a checkpoint is rewritten.</summary>
    public const string PreviousSuffix = ".prev";

    private const string ExportPrefix = "export/";

    private readonly RunStore _store;

    /// <summary>Creates the helper over an open store.</summary>
    /// <param name="store">The run store (writable to write, any to read).</param>
    public CheckpointFiles(RunStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>Name of a generation's directory: <c>gen-NNN</c> (at least three digits).</summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <returns>The name.</returns>
    public static string GenerationDirectoryName(int generation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        return "gen-" + generation.ToString("D3", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes a checkpoint atomically, records its SHA-256 and size in the store (together with
    /// <paramref name="commitWith"/>'s changes, in one transaction), then drops the previous copy.
    /// </summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="name">File name (no directory separators, not starting with '.', not ending with ".prev").</param>
    /// <param name="write">Writes the content to the stream (which it must not dispose).</param>
    /// <param name="commitWith">Further changes to commit in the same transaction (e.g. completing the phase), or null.</param>
    /// <returns>The record.</returns>
    public CheckpointRecord Write(int generation, string name, Action<Stream> write, Action<RunStoreWriter>? commitWith = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        return WriteCore(generation, name, write, null, commitWith);
    }

    /// <summary>Writes a checkpoint from bytes (see <see cref="Write(int, string, Action{Stream}, Action{RunStoreWriter})"/>); the hash is taken from the bytes, not read back from the file.</summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="name">File name.</param>
    /// <param name="content">The content.</param>
    /// <param name="commitWith">Further changes for the same transaction, or null.</param>
    /// <returns>The record.</returns>
    public CheckpointRecord WriteBytes(int generation, string name, ReadOnlyMemory<byte> content, Action<RunStoreWriter>? commitWith = null)
        => WriteCore(generation, name, s => s.Write(content.Span), content, commitWith);

    private CheckpointRecord WriteCore(int generation, string name, Action<Stream> write, ReadOnlyMemory<byte>? content, Action<RunStoreWriter>? commitWith)
    {
        CheckName(name);
        string relative = $"{CheckpointsDirectoryName}/{GenerationDirectoryName(generation)}/{name}";
        string path = FullPath(relative);
        string previous = path + PreviousSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var recorded = _store.GetCheckpoint(generation, name);
        if (recorded is not null && File.Exists(path) && Matches(path, recorded))
        {
            File.Move(path, previous, overwrite: true);
            AtomicFile.SyncDirectory(Path.GetDirectoryName(path)!);
        }

        AtomicFile.Write(path, write);
        var record = content is { } bytes
            ? new CheckpointRecord(generation, name, relative, Hash(bytes.Span), bytes.Length, DateTimeOffset.UtcNow)
            : Describe(generation, name, relative);
        _store.Write(w =>
        {
            w.RecordCheckpoint(record);
            commitWith?.Invoke(w);
        });
        TryDelete(previous);
        return record;
    }

    /// <summary>
    /// The path of a recorded checkpoint after verifying its SHA-256 and size. If the file is missing or does not
    /// match but the previous copy (<c>NAME.prev</c>) does, that copy is restored first.
    /// </summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="name">Checkpoint (or export) name.</param>
    /// <returns>The full path of the verified file.</returns>
    /// <exception cref="RunStoreException">No checkpoint of that name is recorded.</exception>
    /// <exception cref="CheckpointCorruptException">Neither the file nor its previous copy matches the record.</exception>
    public string GetVerifiedPath(int generation, string name)
    {
        var record = RequireRecord(generation, name);
        string path = FullPath(record.RelativePath);
        if (Matches(path, record))
        {
            return path;
        }

        string previous = path + PreviousSuffix;
        if (Matches(previous, record) && _store.IsWritable)
        {
            File.Move(previous, path, overwrite: true);
            AtomicFile.SyncDirectory(Path.GetDirectoryName(path)!);
            return path;
        }

        throw Mismatch(path, record);
    }

    /// <summary>Reads a recorded checkpoint and verifies the bytes read (falling back to <c>NAME.prev</c> as above).</summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="name">Checkpoint (or export) name.</param>
    /// <returns>The verified content.</returns>
    /// <exception cref="RunStoreException">No checkpoint of that name is recorded.</exception>
    /// <exception cref="CheckpointCorruptException">Neither the file nor its previous copy matches the record.</exception>
    public byte[] ReadAllBytes(int generation, string name)
    {
        var record = RequireRecord(generation, name);
        string path = FullPath(record.RelativePath);
        foreach (string candidate in new[] { path, path + PreviousSuffix })
        {
            if (TryRead(candidate) is { } bytes && bytes.LongLength == record.Size && Hash(bytes) == record.Sha256)
            {
                return bytes;
            }
        }

        throw Mismatch(path, record);
    }

    /// <summary>The full path of a recorded checkpoint or export file (not verified; see <see cref="GetVerifiedPath"/>).</summary>
    /// <param name="record">The record.</param>
    /// <returns>The path under the run directory.</returns>
    public string PathOf(CheckpointRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return FullPath(record.RelativePath);
    }

    /// <summary>
    /// Deletes a checkpoint file and its previous copy, if present. Remove its record first
    /// (<see cref="RunStoreWriter.RemoveCheckpoint"/>) and delete the file after that commit: a crash in between leaves an
    /// unrecorded file, which nothing reads and the next write of that name replaces.
    /// </summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="name">File name.</param>
    public void DeleteFile(int generation, string name)
    {
        CheckName(name);
        string path = FullPath($"{CheckpointsDirectoryName}/{GenerationDirectoryName(generation)}/{name}");
        TryDelete(path);
        TryDelete(path + PreviousSuffix);
    }

    /// <summary>
    /// Writes a generation's exports atomically — <c>generations/gen-NNN/dataset.extxyz</c> (extended XYZ, each sample
    /// with its metadata) and <c>report.json</c> — and records both hashes, together with
    /// <paramref name="commitWith"/>'s changes, in one transaction.
    /// </summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="dataset">The generation's dataset.</param>
    /// <param name="reportJson">The generation's report (valid JSON).</param>
    /// <param name="commitWith">Further changes for the same transaction, or null.</param>
    /// <returns>The records of the dataset file and of the report.</returns>
    public GenerationExports WriteGenerationExports(int generation, Dataset dataset, string reportJson, Action<RunStoreWriter>? commitWith = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        StoreText.RequireJson(reportJson, nameof(reportJson), allowNull: false);
        string directory = $"{GenerationsDirectoryName}/{GenerationDirectoryName(generation)}";
        Directory.CreateDirectory(FullPath(directory));
        string datasetRelative = $"{directory}/{DatasetFileName}", reportRelative = $"{directory}/{ReportFileName}";
        ExtendedXyzWriter.WriteSamples(FullPath(datasetRelative), dataset);
        AtomicFile.WriteAllText(FullPath(reportRelative), reportJson);
        var exports = new GenerationExports(
            Describe(generation, ExportPrefix + DatasetFileName, datasetRelative),
            Describe(generation, ExportPrefix + ReportFileName, reportRelative));
        _store.Write(w =>
        {
            w.RecordCheckpoint(exports.Dataset);
            w.RecordCheckpoint(exports.Report);
            commitWith?.Invoke(w);
        });
        return exports;
    }

    private static void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.IndexOfAny(['/', '\\', '\0']) >= 0 || name.StartsWith('.') || name.EndsWith(PreviousSuffix, StringComparison.Ordinal)
            || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException(
                $"Checkpoint name '{name}' must be a plain file name: no directory separators, not starting with '.', not ending with '{PreviousSuffix}'.",
                nameof(name));
        }
    }

    private static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static bool Matches(string path, CheckpointRecord record)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return stream.Length == record.Size && Convert.ToHexStringLower(SHA256.HashData(stream)) == record.Sha256;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static CheckpointCorruptException Mismatch(string path, CheckpointRecord record)
    {
        var bytes = TryRead(path);
        return new CheckpointCorruptException(path, record.Sha256, record.Size, bytes is null ? null : Hash(bytes), bytes?.LongLength);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover previous copy is harmless: it is replaced or deleted by the next write.
        }
    }

    private CheckpointRecord RequireRecord(int generation, string name)
        => _store.GetCheckpoint(generation, name)
            ?? throw new RunStoreException($"No checkpoint '{name}' of generation {generation} is recorded in '{_store.DatabasePath}'.");

    private CheckpointRecord Describe(int generation, string name, string relative)
    {
        using var stream = new FileStream(FullPath(relative), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        long size = stream.Length;
        return new CheckpointRecord(generation, name, relative, Convert.ToHexStringLower(SHA256.HashData(stream)), size, DateTimeOffset.UtcNow);
    }

    private string FullPath(string relative) => Path.Combine(_store.RunDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
}
