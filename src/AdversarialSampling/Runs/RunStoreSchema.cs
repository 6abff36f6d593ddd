using System.Buffers.Binary;

namespace AdversarialSampling.Runs;

/// <summary>The run store's SQLite schema (version <see cref="Version"/>) and a raw check of the database file.</summary>
internal static class RunStoreSchema
{
    /// <summary>Schema version, kept in <c>PRAGMA user_version</c>.</summary>
    public const int Version = 1;

    /// <summary><c>PRAGMA application_id</c> of a run store ("ASRS").</summary>
    public const int ApplicationId = 0x41535253;

    /// <summary>Checksummed columns of <c>run</c>, in checksum order.</summary>
    public const string RunColumns = "config_json, seed, library_version, created_utc";

    /// <summary>Checksummed columns of <c>phases</c>.</summary>
    public const string PhaseColumns = "generation, phase, status, payload_json, completed_utc";

    /// <summary>Checksummed columns of <c>candidates</c>.</summary>
    public const string CandidateColumns =
        "generation, idx, structure_xyz, key, provenance_json, score, decision, reason, label_status, label_failure_kind, label_message";

    /// <summary>Checksummed columns of <c>dataset_members</c>.</summary>
    public const string DatasetMemberColumns = "generation, position, sample_key, replication, origin, oracle_key, source_generation, candidate_index";

    /// <summary>Checksummed columns of <c>checkpoints</c>.</summary>
    public const string CheckpointColumns = "generation, name, relative_path, sha256, size, recorded_utc";

    public const string CreateSql = """
        CREATE TABLE run (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            config_json TEXT NOT NULL,
            seed INTEGER NOT NULL,
            library_version TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            checksum TEXT NOT NULL);
        CREATE TABLE phases (
            generation INTEGER NOT NULL CHECK (generation >= 0),
            phase TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status = 'completed'),
            payload_json TEXT,
            completed_utc TEXT NOT NULL,
            checksum TEXT NOT NULL,
            PRIMARY KEY (generation, phase));
        CREATE TABLE oracle_calls (
            key TEXT PRIMARY KEY,
            status TEXT NOT NULL CHECK (status IN ('intent', 'succeeded', 'failed')),
            oracle TEXT NOT NULL,
            structure_xyz TEXT NOT NULL,
            energy REAL,
            forces_json TEXT,
            stress_json TEXT,
            failure_kind TEXT,
            message TEXT,
            output_tail TEXT,
            attempts INTEGER NOT NULL CHECK (attempts >= 0),
            external_job_id TEXT,
            created_utc TEXT NOT NULL,
            updated_utc TEXT NOT NULL,
            checksum TEXT NOT NULL);
        CREATE TABLE samples (
            sample_key TEXT PRIMARY KEY,
            sample_xyz TEXT NOT NULL);
        CREATE TABLE candidates (
            generation INTEGER NOT NULL CHECK (generation >= 0),
            idx INTEGER NOT NULL CHECK (idx >= 0),
            structure_xyz TEXT NOT NULL,
            key TEXT,
            provenance_json TEXT NOT NULL,
            score REAL,
            decision TEXT NOT NULL,
            reason TEXT,
            label_status TEXT,
            label_failure_kind TEXT,
            label_message TEXT,
            checksum TEXT NOT NULL,
            PRIMARY KEY (generation, idx));
        CREATE TABLE dataset_members (
            generation INTEGER NOT NULL CHECK (generation >= 0),
            position INTEGER NOT NULL CHECK (position >= 0),
            sample_key TEXT NOT NULL REFERENCES samples (sample_key),
            replication INTEGER NOT NULL CHECK (replication >= 1),
            origin TEXT NOT NULL,
            oracle_key TEXT REFERENCES oracle_calls (key),
            source_generation INTEGER,
            candidate_index INTEGER,
            checksum TEXT NOT NULL,
            PRIMARY KEY (generation, position));
        CREATE TABLE checkpoints (
            generation INTEGER NOT NULL CHECK (generation >= 0),
            name TEXT NOT NULL,
            relative_path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size >= 0),
            recorded_utc TEXT NOT NULL,
            checksum TEXT NOT NULL,
            PRIMARY KEY (generation, name));
        """;

    private const int HeaderSize = 100;
    private const int WalHeaderSize = 32;
    private const int WalFrameHeaderSize = 24;
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    /// <summary>
    /// Checks the raw database file before SQLite sees it, for damage SQLite itself may not report: an empty file,
    /// a foreign header, a length that is not a whole number of pages, or (with no write-ahead log to complete it)
    /// a file shorter than its header says. Returns the problem, or null.
    /// </summary>
    public static string? CheckDatabaseFile(string path)
    {
        byte[] header = new byte[HeaderSize];
        long length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            length = stream.Length;
            if (length == 0)
            {
                return "is empty: nothing was ever committed to it (its creation was interrupted; creating a new run in this directory replaces it)";
            }

            if (length < HeaderSize)
            {
                return $"is {length} bytes long, shorter than a database header (truncated, or not a database)";
            }

            stream.ReadExactly(header);
        }

        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return "is not an SQLite database (wrong header)";
        }

        int pageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
        pageSize = pageSize == 1 ? 65536 : pageSize;
        if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        {
            return $"has an invalid page size {pageSize} in its header";
        }

        if (length % pageSize != 0)
        {
            return $"is truncated: {length} bytes is not a whole number of {pageSize}-byte pages";
        }

        string wal = path + "-wal";
        bool walHasFrames = File.Exists(wal) && new FileInfo(wal).Length >= WalHeaderSize + WalFrameHeaderSize + pageSize;
        uint changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24));
        uint pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        uint validFor = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92));
        if (!walHasFrames && validFor == changeCounter && pages > 0 && length < (long)pages * pageSize)
        {
            return $"is truncated: its header counts {pages} pages ({(long)pages * pageSize} bytes) but the file has {length} bytes";
        }

        return null;
    }
}
