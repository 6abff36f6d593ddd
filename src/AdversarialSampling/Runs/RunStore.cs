using System.Globalization;
using System.Reflection;
using AdversarialSampling.IO;
using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;
using Microsoft.Data.Sqlite;

namespace AdversarialSampling.Runs;

/// <summary>
/// The crash-safe store of a run directory: everything needed to resume (run configuration, completed phases,
/// the oracle-call ledger, candidates, per-generation datasets, checkpoint hashes), kept in an embedded SQLite
/// database <c>run.db</c> in WAL mode with <c>synchronous=FULL</c> and foreign keys on. Every change is one
/// transaction (<see cref="Write"/>): after a crash, <c>kill -9</c> or power loss the store holds exactly the
/// transactions committed before it, never part of one.
/// </summary>
/// <remarks>
/// <para>One writer per run directory: <see cref="RunStoreOpenMode.CreateNew"/> and
/// <see cref="RunStoreOpenMode.OpenExisting"/> hold an exclusive lock on <c>run.lock</c> until
/// <see cref="Dispose"/> (the operating system releases it when the process dies); a second writer gets
/// <see cref="RunLockedException"/>. Readers (<see cref="RunStoreOpenMode.ReadOnly"/>) need no lock.</para>
/// <para>Creation is atomic: the schema is committed in <see cref="CreatingFileName"/>, flushed and then renamed to
/// <c>run.db</c>, so a process killed while creating a store leaves either no <c>run.db</c> (and a leftover that the
/// next <see cref="RunStoreOpenMode.CreateNew"/> removes) or a complete, empty store that resumes. An empty
/// (zero-byte) <c>run.db</c> — what an interrupted creation by an earlier version left — holds nothing and is
/// replaced by CreateNew; opening it to resume is a <see cref="RunStoreCorruptException"/>.</para>
/// <para>Opening checks the raw file (empty, foreign, or truncated), runs <c>PRAGMA quick_check</c> and checks the
/// schema; any damage is a <see cref="RunStoreCorruptException"/> naming the file, never a raw SQLite error and
/// never silently wrong data. Oracle-call rows carry a SHA-256 of their content and dataset samples are keyed by
/// the SHA-256 of their text; both are verified when read.</para>
/// <para>Thread-safe: calls are serialised. Reads inside <see cref="Write"/> see the transaction's own changes.</para>
/// </remarks>
public sealed class RunStore : IDisposable
{
    /// <summary>File name of the database in the run directory.</summary>
    public const string DatabaseFileName = "run.db";

    /// <summary>
    /// File name under which <see cref="RunStoreOpenMode.CreateNew"/> builds a new database before renaming it to
    /// <see cref="DatabaseFileName"/>; one left by an interrupted creation is removed by the next CreateNew.
    /// </summary>
    public const string CreatingFileName = DatabaseFileName + ".creating";

    /// <summary>File name of the single-writer lock in the run directory.</summary>
    public const string LockFileName = RunLock.LockFileName;

    /// <summary>Schema version this library reads and writes.</summary>
    public const int SchemaVersion = RunStoreSchema.Version;

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly RunLock? _lock;
    private SqliteTransaction? _transaction;
    private bool _disposed;

    private RunStore(string runDirectory, RunStoreOpenMode mode, SqliteConnection connection, RunLock? runLock)
    {
        RunDirectory = runDirectory;
        Mode = mode;
        _connection = connection;
        _lock = runLock;
    }

    /// <summary>
    /// Which process holds <paramref name="runDirectory"/>'s single-writer lock now (a running <c>RunAsync</c> or
    /// <c>ResumeAsync</c>), or null when none does. It probes the lock without waiting and releases it at once; a writer
    /// starting in that instant is not refused (opening for writing looks again at a taken lock for 150 ms before it
    /// throws <see cref="RunLockedException"/>). Read-only opens never hold the lock.
    /// </summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <returns>The holder (from <c>run.owner</c>), or null.</returns>
    public static RunHolder? FindHolder(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        return RunLock.Holder(Path.GetFullPath(runDirectory));
    }

    /// <summary>The run directory (full path).</summary>
    public string RunDirectory { get; }

    /// <summary>The database file (full path).</summary>
    public string DatabasePath => Path.Combine(RunDirectory, DatabaseFileName);

    /// <summary>How the store was opened.</summary>
    public RunStoreOpenMode Mode { get; }

    /// <summary>True unless opened <see cref="RunStoreOpenMode.ReadOnly"/>.</summary>
    public bool IsWritable => Mode != RunStoreOpenMode.ReadOnly;

    /// <summary>Opens (or creates) the run store of a directory.</summary>
    /// <param name="runDirectory">The run directory; created by <see cref="RunStoreOpenMode.CreateNew"/> if missing.</param>
    /// <param name="mode">Create, open for writing (resume) or open read-only.</param>
    /// <returns>The open store; dispose it to release the directory.</returns>
    /// <exception cref="RunLockedException">Another writer holds the directory.</exception>
    /// <exception cref="RunStoreCorruptException">The database is damaged, truncated, empty or not a run store.</exception>
    /// <exception cref="RunStoreException">No store to open, a store already there (CreateNew), a newer schema, or an I/O error.</exception>
    public static RunStore Open(string runDirectory, RunStoreOpenMode mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown open mode.");
        }

        string directory = Path.GetFullPath(runDirectory);
        string database = Path.Combine(directory, DatabaseFileName);
        if (mode == RunStoreOpenMode.CreateNew)
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RunStoreException($"Cannot create the run directory '{directory}': {e.Message}", e);
            }
        }
        else if (!Directory.Exists(directory))
        {
            throw new RunStoreException($"The run directory '{directory}' does not exist.");
        }

        RunLock? runLock = mode == RunStoreOpenMode.ReadOnly ? null : RunLock.Acquire(directory);
        SqliteConnection? connection = null;
        bool created = false;
        try
        {
            CheckFilesBeforeOpen(directory, database, mode);
            if (mode == RunStoreOpenMode.CreateNew)
            {
                CreateAtomically(directory, database);
                created = true;
            }

            connection = Connect(database, mode == RunStoreOpenMode.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite);
            connection.Open();
            Initialize(connection, database, mode);
            if (mode != RunStoreOpenMode.ReadOnly)
            {
                AtomicFile.SyncDirectory(directory);
            }

            return new RunStore(directory, mode, connection, runLock);
        }
        catch (SqliteException e)
        {
            Abandon(connection, runLock, created, database);
            throw Translate(e, database, "opening it");
        }
        catch
        {
            Abandon(connection, runLock, created, database);
            throw;
        }
    }

    /// <summary>The run's start record, or null before <see cref="RunStoreWriter.InitializeRun"/>.</summary>
    /// <returns>The record.</returns>
    public RunRecord? GetRun() => Read("reading the run record", () =>
        SelectVerified("run", RunStoreSchema.RunColumns, "WHERE id = 1")
            .Select(v => new RunRecord((string)v[0]!, (long)v[1]!, (string)v[2]!, StoreText.ParseTime((string)v[3]!)))
            .SingleOrDefault());

    /// <summary>Whether a phase of a generation has been completed (committed).</summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="phase">Phase name.</param>
    /// <returns>True if completed.</returns>
    public bool IsPhaseComplete(int generation, string phase) => GetPhase(generation, phase) is not null;

    /// <summary>A completed phase, or null.</summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="phase">Phase name.</param>
    /// <returns>The record.</returns>
    public PhaseRecord? GetPhase(int generation, string phase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        return GetPhases(generation).FirstOrDefault(p => p.Phase == phase);
    }

    /// <summary>Completed phases in commit order (generation, then completion time).</summary>
    /// <param name="generation">Only this generation, or null for all.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<PhaseRecord> GetPhases(int? generation = null) => Read("reading phases", () =>
        SelectVerified("phases", RunStoreSchema.PhaseColumns, "WHERE $g IS NULL OR generation = $g ORDER BY generation, rowid", ("$g", generation))
            .Select(v => new PhaseRecord(ToInt(v[0]), (string)v[1]!, (string?)v[3], StoreText.ParseTime((string)v[4]!)))
            .ToList());

    /// <summary>Commits one phase as complete, on its own (see <see cref="Write"/> to commit it with other changes).</summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="phase">Phase name.</param>
    /// <param name="payloadJson">What the phase produced (valid JSON), or null.</param>
    public void CompletePhase(int generation, string phase, string? payloadJson = null)
        => Write(w => w.CompletePhase(generation, phase, payloadJson));

    /// <summary>
    /// Runs <paramref name="write"/> as one transaction: all of its changes are committed together when it returns,
    /// or none when it throws. The writer must not be used after <paramref name="write"/> returns.
    /// </summary>
    /// <param name="write">The changes (synchronous; no nested <see cref="Write"/>).</param>
    /// <exception cref="InvalidOperationException">Read-only store, nested write, or a change that breaks a rule (named).</exception>
    /// <exception cref="RunStoreException">The commit failed (disk full, I/O error); nothing of it was committed.</exception>
    public void Write(Action<RunStoreWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (!IsWritable)
            {
                throw new InvalidOperationException($"The run store '{DatabasePath}' was opened read-only.");
            }

            if (_transaction is not null)
            {
                throw new InvalidOperationException("Run-store writes cannot be nested; make all changes through the writer you were given.");
            }

            var writer = new RunStoreWriter(this);
            try
            {
                _transaction = _connection.BeginTransaction(deferred: false);
                write(writer);
                _transaction.Commit();
            }
            catch (SqliteException e)
            {
                TryRollback();
                throw e.SqliteErrorCode == SqliteConstraint
                    ? new InvalidOperationException($"A run-store change breaks a rule of the store: {e.Message}", e)
                    : Translate(e, DatabasePath, "committing a change");
            }
            catch
            {
                TryRollback();
                throw;
            }
            finally
            {
                writer.Close();
                _transaction?.Dispose();
                _transaction = null;
            }
        }
    }

    /// <summary>The ledger row of an oracle-call key, or null. Its checksum is verified.</summary>
    /// <param name="key">The key (<see cref="OracleCallKey.Value"/>).</param>
    /// <returns>The record.</returns>
    /// <exception cref="RunStoreCorruptException">The row does not match its checksum.</exception>
    public OracleCallRecord? GetOracleCall(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return ReadOracleCalls("WHERE key = $k", ("$k", key)).SingleOrDefault();
    }

    /// <summary>Every ledger row, ordered by key. Checksums are verified.</summary>
    /// <param name="status">Only rows in this state, or null for all.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<OracleCallRecord> GetOracleCalls(OracleCallStatus? status = null)
        => ReadOracleCalls("WHERE $s IS NULL OR status = $s ORDER BY key", ("$s", status is null ? null : StatusText(status.Value)));

    /// <summary>
    /// How many ledger rows are in each state, counted without reading the rows' structures and results (so it stays
    /// cheap on a large ledger, and does not verify checksums: use <see cref="GetOracleCalls"/> for that).
    /// </summary>
    /// <param name="createdSince">Only rows created at or after this time, or null (default) for all.</param>
    /// <returns>The counts.</returns>
    public OracleCallCounts CountOracleCalls(DateTimeOffset? createdSince = null) => Read("counting the oracle-call ledger", () =>
    {
        using var command = Command("SELECT status, created_utc FROM oracle_calls");
        using var reader = command.ExecuteReader();
        int intent = 0, succeeded = 0, failed = 0;
        while (reader.Read())
        {
            if (createdSince is { } since && CreatedTime(reader.GetString(1)) < since)
            {
                continue;
            }

            switch (ParseStatus(reader.GetString(0)))
            {
                case OracleCallStatus.Intent: intent++; break;
                case OracleCallStatus.Succeeded: succeeded++; break;
                default: failed++; break;
            }
        }

        return new OracleCallCounts(intent, succeeded, failed);
    });

    private DateTimeOffset CreatedTime(string text)
    {
        try
        {
            return StoreText.ParseTime(text);
        }
        catch (FormatException e)
        {
            throw new RunStoreCorruptException($"The run store '{DatabasePath}' is corrupt: an oracle call's creation time '{text}' is not a time.", e);
        }
    }

    /// <summary>The candidates of a generation, by index.</summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<CandidateRecord> GetCandidates(int generation) => Read("reading candidates", () =>
        SelectVerified("candidates", RunStoreSchema.CandidateColumns, "WHERE generation = $g ORDER BY idx", ("$g", generation))
            .Select(v =>
            {
                int index = ToInt(v[1]);
                string source = $"candidate {index} of generation {generation} in '{DatabasePath}'";
                return new CandidateRecord
                {
                    Generation = generation,
                    Index = index,
                    Structure = StoreText.XyzToStructure((string)v[2]!, source),
                    Key = (string?)v[3],
                    ProvenanceJson = (string)v[4]!,
                    Score = (double?)v[5],
                    Decision = (string)v[6]!,
                    Reason = (string?)v[7],
                    LabelStatus = ParseEnum<LabelStatus>((string?)v[8], source),
                    LabelFailureKind = ParseEnum<OracleFailureKind>((string?)v[9], source),
                    LabelMessage = (string?)v[10],
                };
            })
            .ToList());

    /// <summary>
    /// The dataset of a generation with its provenance, in the order it was recorded. Each sample's content is
    /// verified against its key.
    /// </summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <returns>The entries (empty when none were recorded).</returns>
    public IReadOnlyList<DatasetEntry> LoadDatasetEntries(int generation) => Read("reading a dataset", () =>
    {
        var members = DatasetMembers(generation);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = Command(
            "SELECT sample_key, sample_xyz FROM samples WHERE sample_key IN (SELECT sample_key FROM dataset_members WHERE generation = $g)",
            ("$g", generation)))
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                texts[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var entries = new List<DatasetEntry>(members.Count);
        foreach (var v in members)
        {
            string key = (string)v[2]!;
            string source = $"dataset member {v[1]} of generation {generation} in '{DatabasePath}'";
            if (!texts.TryGetValue(key, out string? text) || StoreText.Sha256(text) != key)
            {
                throw new RunStoreCorruptException($"The run store '{DatabasePath}' is corrupt: the sample of {source} is missing or does not match its content hash {key}.");
            }

            entries.Add(new DatasetEntry(
                StoreText.XyzToSample(text, source), (string)v[4]!, ToInt(v[3]), (string?)v[5], v[6] is null ? null : ToInt(v[6]), v[7] is null ? null : ToInt(v[7])));
        }

        return entries;
    });

    /// <summary>The samples of a generation's dataset, in recorded order (replication is not applied).</summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <returns>The dataset.</returns>
    public Dataset LoadDataset(int generation) => new(LoadDatasetEntries(generation).Select(e => e.Sample));

    /// <summary>
    /// A content hash of a generation's dataset (SHA-256 hex over each member's sample key, replication and origin,
    /// in order). Two runs with the same hash trained on the same data.
    /// </summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <returns>The hash (64 hex digits); the hash of nothing when the generation has no dataset.</returns>
    public string DatasetHash(int generation) => Read("hashing a dataset", () =>
        StoreText.Sha256(string.Concat(DatasetMembers(generation).Select(v => string.Create(CultureInfo.InvariantCulture, $"{v[2]} {v[3]} {v[4]}\n")))));

    /// <summary>The record of a checkpoint, or null.</summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="name">Checkpoint name.</param>
    /// <returns>The record.</returns>
    public CheckpointRecord? GetCheckpoint(int generation, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return GetCheckpoints(generation).FirstOrDefault(c => c.Name == name);
    }

    /// <summary>Checkpoint records, by generation and name.</summary>
    /// <param name="generation">Only this generation, or null for all.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<CheckpointRecord> GetCheckpoints(int? generation = null) => Read("reading checkpoints", () =>
        SelectVerified("checkpoints", RunStoreSchema.CheckpointColumns, "WHERE $g IS NULL OR generation = $g ORDER BY generation, name", ("$g", generation))
            .Select(v => new CheckpointRecord(ToInt(v[0]), (string)v[1]!, (string)v[2]!, (string)v[3]!, (long)v[4]!, StoreText.ParseTime((string)v[5]!)))
            .ToList());

    /// <summary>Closes the database (folding the write-ahead log into it) and releases the writer lock.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Release(_connection, _lock);
        }
    }

    internal static string StatusText(OracleCallStatus status) => status switch
    {
        OracleCallStatus.Intent => "intent",
        OracleCallStatus.Succeeded => "succeeded",
        _ => "failed",
    };

    /// <summary>A ledger row's state from its stored text (the schema allows only these three).</summary>
    private static OracleCallStatus ParseStatus(string text) => text switch
    {
        "intent" => OracleCallStatus.Intent,
        "succeeded" => OracleCallStatus.Succeeded,
        _ => OracleCallStatus.Failed,
    };

    internal static string Now() => StoreText.Time(DateTimeOffset.UtcNow);

    /// <summary>A command bound to the current transaction, with named parameters (null → SQL NULL).</summary>
    internal SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    internal int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Inserts a row with its <see cref="RowChecksum"/>; <paramref name="values"/> follow <paramref name="columns"/>.</summary>
    internal void Insert(string table, string columns, params object?[] values)
    {
        string[] names = columns.Split(", ");
        var parameters = names.Select((_, i) => ("$p" + i.ToString(CultureInfo.InvariantCulture), values[i]))
            .Append(("$checksum", RowChecksum.Of(table, values)))
            .ToArray();
        Execute($"INSERT INTO {table} ({columns}, checksum) VALUES ({string.Join(", ", parameters.Select(p => p.Item1))})", parameters);
    }

    /// <summary>Selects rows (values in <paramref name="columns"/> order, NULL as null) and verifies each row's checksum.</summary>
    internal List<object?[]> SelectVerified(string table, string columns, string where, params (string Name, object? Value)[] parameters)
    {
        using var command = Command($"SELECT {columns}, checksum FROM {table} {where}", parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount - 1];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            if (reader.IsDBNull(values.Length) || RowChecksum.Of(table, values) != reader.GetString(values.Length))
            {
                throw new RunStoreCorruptException(
                    $"The run store '{DatabasePath}' is corrupt: a row of table '{table}' does not match its checksum ({columns}: {string.Join(", ", values.Take(2))}, ...). Restore the run directory from a backup, or start a new run.");
            }

            rows.Add(values);
        }

        return rows;
    }

    internal IReadOnlyList<OracleCallRecord> ReadOracleCalls(string where, params (string Name, object? Value)[] parameters)
        => Read("reading the oracle-call ledger", () =>
        {
            using var command = Command(
                "SELECT key, status, oracle, structure_xyz, energy, forces_json, stress_json, failure_kind, message, output_tail, "
                + "attempts, external_job_id, created_utc, updated_utc, checksum FROM oracle_calls " + where,
                parameters);
            using var reader = command.ExecuteReader();
            var list = new List<OracleCallRecord>();
            while (reader.Read())
            {
                list.Add(ReadOracleCall(reader));
            }

            return list;
        });

    /// <summary>The checksum of an oracle-call row's content (not its attempt count, job id or times).</summary>
    internal static string OracleCallChecksum(
        string key, string status, string oracle, string structureXyz, double? energy, string? forcesJson, string? stressJson,
        string? failureKind, string? message, string? outputTail)
        => RowChecksum.Of("oracle_calls", [key, status, oracle, structureXyz, energy, forcesJson, stressJson, failureKind, message, outputTail]);

    internal T Read<T>(string what, Func<T> read)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            try
            {
                return read();
            }
            catch (SqliteException e)
            {
                throw Translate(e, DatabasePath, what);
            }
        }
    }

    private const int SqliteConstraint = 19;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    // SQLITE_IOERR_SHORT_READ: the file ends before data it should hold (a truncated database).
    private const int SqliteShortRead = 522;

    private static void CheckFilesBeforeOpen(string directory, string database, RunStoreOpenMode mode)
    {
        bool exists = File.Exists(database);
        if (mode == RunStoreOpenMode.CreateNew)
        {
            if (exists && IsEmptyLeftover(database))
            {
                // Nothing was ever committed to a zero-byte database (an earlier version's interrupted creation): replace it.
                try
                {
                    DeleteFiles(database);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new RunStoreException($"The run directory '{directory}' holds an empty {DatabaseFileName} left by an interrupted creation, and it cannot be removed: {e.Message}", e);
                }

                exists = false;
            }

            if (exists)
            {
                throw new RunStoreException(
                    $"The run directory '{directory}' already has a run store ({DatabaseFileName}); resume it (OpenExisting) or choose a new directory.");
            }

            if (File.Exists(database + "-wal"))
            {
                throw new RunStoreException(
                    $"The run directory '{directory}' has a write-ahead log '{DatabaseFileName}-wal' without its database; it belongs to a lost run store. Move it away or choose a new directory.");
            }

            return;
        }

        if (!exists)
        {
            throw new RunStoreException($"The run directory '{directory}' has no run store ({DatabaseFileName}); create one with CreateNew.");
        }

        string? problem;
        try
        {
            problem = RunStoreSchema.CheckDatabaseFile(database);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunStoreException($"Cannot read the run store '{database}': {e.Message}", e);
        }

        if (problem is not null)
        {
            throw Corrupt(database, problem);
        }
    }

    private static void Initialize(SqliteConnection connection, string database, RunStoreOpenMode mode)
    {
        if (mode != RunStoreOpenMode.ReadOnly)
        {
            string journal = Scalar(connection, "PRAGMA journal_mode = WAL")?.ToString() ?? string.Empty;
            if (!journal.Equals("wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new RunStoreException($"The run store '{database}' could not be switched to WAL mode (journal mode '{journal}').");
            }
        }

        Exec(connection, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cell_size_check = ON; PRAGMA busy_timeout = 10000;");

        var problems = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA quick_check(20)";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }

        if (problems is not ["ok"])
        {
            throw Corrupt(database, "fails SQLite's integrity check: " + string.Join("; ", problems));
        }

        long applicationId = Convert.ToInt64(Scalar(connection, "PRAGMA application_id"), CultureInfo.InvariantCulture);
        long version = Convert.ToInt64(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        long tables = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master"), CultureInfo.InvariantCulture);
        if (applicationId == 0 && version == 0 && tables == 0)
        {
            throw Corrupt(database, "holds no committed run store (its creation was interrupted, or its log was lost)");
        }

        if (applicationId != RunStoreSchema.ApplicationId)
        {
            throw new RunStoreException($"'{database}' is an SQLite database but not a run store of this library (application id {applicationId}).");
        }

        if (version > RunStoreSchema.Version)
        {
            throw new RunStoreException(
                $"The run store '{database}' has schema version {version}, newer than this library's {RunStoreSchema.Version}; open it with a newer version.");
        }

        if (version != RunStoreSchema.Version)
        {
            throw Corrupt(database, $"has schema version {version}; expected {RunStoreSchema.Version}");
        }
    }

    private static RunStoreCorruptException Corrupt(string database, string problem, Exception? inner = null)
        => new(
            $"The run store '{database}' {problem}. It cannot be trusted and was not used: restore the run directory from a backup, or start a new run.",
            inner);

    private static Exception Translate(SqliteException e, string database, string what)
        => e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase || e.SqliteExtendedErrorCode == SqliteShortRead
            ? Corrupt(database, $"is damaged (SQLite: {e.Message}) — found while {what}", e)
            : new RunStoreException(
                $"The run store '{database}' failed while {what}: {e.Message} (SQLite error {e.SqliteErrorCode}). What was committed before is intact; retry once the cause (disk full, I/O error, permissions) is fixed.",
                e);

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Connect(string database, SqliteOpenMode mode)
        => new(new SqliteConnectionStringBuilder { DataSource = database, Mode = mode, Pooling = false }.ToString());

    /// <summary>
    /// Creates the database with its schema under <see cref="CreatingFileName"/> (rollback journal, synchronous=FULL,
    /// so the commit is in the file itself), flushes it and renames it to <paramref name="database"/>, then flushes the
    /// directory. A leftover of an interrupted creation is removed first (the caller holds the writer lock). On failure
    /// the partial file is removed again and no <paramref name="database"/> exists.
    /// </summary>
    private static void CreateAtomically(string directory, string database)
    {
        string creating = Path.Combine(directory, CreatingFileName);
        try
        {
            DeleteFiles(creating);
            using (var connection = Connect(creating, SqliteOpenMode.ReadWriteCreate))
            {
                connection.Open();
                Exec(connection, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;");
                using var transaction = connection.BeginTransaction();
                using (var command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = RunStoreSchema.CreateSql
                        + $"PRAGMA application_id = {RunStoreSchema.ApplicationId}; PRAGMA user_version = {RunStoreSchema.Version};";
                    command.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            using (var stream = new FileStream(creating, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                stream.Flush(flushToDisk: true);
            }

            File.Move(creating, database, overwrite: false);
            AtomicFile.SyncDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDeleteFiles(creating);
            throw new RunStoreException($"Cannot create the run store '{database}': {e.Message}", e);
        }
        catch
        {
            TryDeleteFiles(creating);
            throw;
        }
    }

    /// <summary>A zero-byte database without a write-ahead log holding anything: nothing was ever committed to it.</summary>
    private static bool IsEmptyLeftover(string database)
    {
        string wal = database + "-wal";
        return new FileInfo(database).Length == 0 && (!File.Exists(wal) || new FileInfo(wal).Length == 0);
    }

    /// <summary>Whether a run directory holds a run store that was ever committed to (a zero-byte leftover does not count).</summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <returns>True if <see cref="DatabaseFileName"/> exists and is not an empty leftover.</returns>
    internal static bool HasStore(string runDirectory)
    {
        string database = Path.Combine(Path.GetFullPath(runDirectory), DatabaseFileName);
        return File.Exists(database) && !IsEmptyLeftover(database);
    }

    /// <summary>Deletes a database file and its journal, log and shared-memory files (missing ones are fine).</summary>
    private static void DeleteFiles(string database)
    {
        foreach (string suffix in new[] { "-journal", "-wal", "-shm", string.Empty })
        {
            File.Delete(database + suffix);
        }
    }

    private static void TryDeleteFiles(string database)
    {
        try
        {
            DeleteFiles(database);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next CreateNew removes the leftover.
        }
    }

    /// <summary>Releases a store that failed to open; a store this call created is deleted again (nothing was committed to it but the schema).</summary>
    private static void Abandon(SqliteConnection? connection, RunLock? runLock, bool created, string database)
    {
        try
        {
            connection?.Dispose();
            if (created)
            {
                DeleteFiles(database);
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover half-created store is reported as such by the next open.
        }
        finally
        {
            runLock?.Dispose();
        }
    }

    private static void Release(SqliteConnection? connection, RunLock? runLock)
    {
        try
        {
            connection?.Dispose();
        }
        catch (SqliteException)
        {
            // Closing a damaged database may fail; the lock is released regardless.
        }
        finally
        {
            runLock?.Dispose();
        }
    }

    private static int ToInt(object? value) => checked((int)(long)value!);

    private List<object?[]> DatasetMembers(int generation)
        => SelectVerified("dataset_members", RunStoreSchema.DatasetMemberColumns, "WHERE generation = $g ORDER BY position", ("$g", generation));

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static T? ParseEnum<T>(string? text, string source)
        where T : struct, Enum
        => text is null ? null
            : Enum.TryParse(text, ignoreCase: false, out T value) && Enum.IsDefined(value) ? value
            : throw new RunStoreCorruptException($"The run store holds an unknown {typeof(T).Name} '{text}' in {source}.");

    private OracleCallRecord ReadOracleCall(SqliteDataReader reader)
    {
        string key = reader.GetString(0), status = reader.GetString(1), oracle = reader.GetString(2), xyz = reader.GetString(3);
        double? energy = reader.IsDBNull(4) ? null : reader.GetDouble(4);
        string? forces = NullableString(reader, 5), stress = NullableString(reader, 6), kind = NullableString(reader, 7);
        string? message = NullableString(reader, 8), tail = NullableString(reader, 9);
        string source = $"oracle call {key} in '{DatabasePath}'";
        if (OracleCallChecksum(key, status, oracle, xyz, energy, forces, stress, kind, message, tail) != reader.GetString(14))
        {
            throw new RunStoreCorruptException(
                $"The run store '{DatabasePath}' is corrupt: {source} does not match its checksum. Restore the run directory from a backup, or start a new run.");
        }

        var failureKind = ParseEnum<OracleFailureKind>(kind, source);
        return new OracleCallRecord
        {
            Key = key,
            Status = ParseStatus(status),
            Oracle = oracle,
            Structure = StoreText.XyzToStructure(xyz, source),
            Energy = energy,
            Forces = StoreText.JsonToDoubles(forces, source),
            Stress = StoreText.JsonToDoubles(stress, source),
            Failure = failureKind is null ? null : new OracleFailure(failureKind.Value, message ?? string.Empty, tail),
            Attempts = reader.GetInt32(10),
            ExternalJobId = NullableString(reader, 11),
            CreatedUtc = StoreText.ParseTime(reader.GetString(12)),
            UpdatedUtc = StoreText.ParseTime(reader.GetString(13)),
        };
    }

    private void TryRollback()
    {
        try
        {
            _transaction?.Rollback();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // SQLite rolls back by itself when a commit fails; nothing was committed either way.
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>The library version written into new runs.</summary>
    internal static string LibraryVersion { get; } =
        typeof(RunStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunStore).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
