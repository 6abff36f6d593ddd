using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Runs;

/// <summary>
/// The changes of one run-store transaction (see <see cref="RunStore.Write"/>): everything done through one writer
/// is committed together or not at all. Valid only inside the callback that received it.
/// </summary>
public sealed class RunStoreWriter
{
    private readonly RunStore _store;
    private bool _closed;

    internal RunStoreWriter(RunStore store) => _store = store;

    /// <summary>Records what the run was started with (once per run).</summary>
    /// <param name="configJson">The run configuration (valid JSON).</param>
    /// <param name="seed">The master random seed.</param>
    /// <exception cref="InvalidOperationException">The run was already initialised.</exception>
    public void InitializeRun(string configJson, long seed)
    {
        ThrowIfClosed();
        StoreText.RequireJson(configJson, nameof(configJson), allowNull: false);
        if (_store.GetRun() is not null)
        {
            throw new InvalidOperationException($"The run in '{_store.RunDirectory}' is already initialised.");
        }

        _store.Insert("run", RunStoreSchema.RunColumns, configJson, seed, RunStore.LibraryVersion, RunStore.Now());
    }

    /// <summary>Marks a phase of a generation complete.</summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="phase">Phase name (e.g. "train-0", "attack", "label").</param>
    /// <param name="payloadJson">What the phase produced (valid JSON), or null.</param>
    /// <exception cref="InvalidOperationException">The phase is already complete.</exception>
    public void CompletePhase(int generation, string phase, string? payloadJson = null)
    {
        ThrowIfClosed();
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        StoreText.RequireJson(payloadJson, nameof(payloadJson), allowNull: true);
        if (_store.IsPhaseComplete(generation, phase))
        {
            throw new InvalidOperationException($"Phase '{phase}' of generation {generation} is already complete.");
        }

        _store.Insert("phases", RunStoreSchema.PhaseColumns, generation, phase, "completed", payloadJson, RunStore.Now());
    }

    /// <summary>
    /// Write-ahead intent: records that the oracle is about to be called for a structure (a new row, or a retry of
    /// a row that has no success), and counts the attempt. Commit it before calling the oracle.
    /// </summary>
    /// <param name="oracle">The oracle identity.</param>
    /// <param name="structure">The structure as the oracle receives it (Å); stored in canonical atom order.</param>
    /// <returns>The call's key (with the structure's canonical order, for recording the result).</returns>
    /// <exception cref="InvalidOperationException">The key already has a recorded success (it must be reused, not paid again).</exception>
    public OracleCallKey RecordOracleIntent(OracleIdentity oracle, AtomicStructure structure)
    {
        ThrowIfClosed();
        var key = OracleCallKey.Compute(oracle, structure);
        var row = OracleCallRow.Load(_store, key.Value);
        if (row is null)
        {
            row = OracleCallRow.New(key.Value, oracle.ToCanonicalString(), StoreText.StructureToXyz(key.ToCanonical(structure)), "intent");
            row.Attempts = 1;
            row.Save(_store, insert: true);
            return key;
        }

        RequireNotSucceeded(row, "called again");
        row.Status = "intent";
        row.Attempts++;
        row.ClearResult();
        row.Save(_store, insert: false);
        return key;
    }

    /// <summary>Records a successful, gate-checked result for a key in the intent state.</summary>
    /// <param name="key">The key returned by <see cref="RecordOracleIntent"/> (its order maps the forces).</param>
    /// <param name="energy">Energy (eV), finite.</param>
    /// <param name="forces">Forces (eV/Å, flat N×3, in the order of the structure the key was computed from), or null.</param>
    /// <param name="stress">Stress (eV/Å³, 9 values row-major), or null.</param>
    /// <exception cref="InvalidOperationException">The key has no intent row (or already a result).</exception>
    public void RecordOracleSuccess(OracleCallKey key, double energy, IReadOnlyList<double>? forces, IReadOnlyList<double>? stress = null)
    {
        ThrowIfClosed();
        ArgumentNullException.ThrowIfNull(key);
        if (!double.IsFinite(energy))
        {
            throw new ArgumentOutOfRangeException(nameof(energy), energy, "A recorded energy must be finite.");
        }

        var row = RequireIntent(key.Value, "a success");
        row.Status = "succeeded";
        row.ClearResult();
        row.Energy = energy;
        row.ForcesJson = StoreText.DoublesToJson(forces is null || forces.Count == 0 ? null : key.PerAtomToCanonical(forces));
        row.StressJson = StoreText.DoublesToJson(stress);
        row.Save(_store, insert: false);
    }

    /// <summary>Records a failure for a key in the intent state; the key is never reused as a success.</summary>
    /// <param name="key">The key returned by <see cref="RecordOracleIntent"/>.</param>
    /// <param name="failure">The failure (kind, message, output tail).</param>
    /// <param name="rawEnergy">For a result the physics gate rejected: its energy (eV), kept for diagnosis; otherwise null.</param>
    /// <param name="rawForces">For such a result: its forces (eV/Å, structure order), or null.</param>
    /// <exception cref="InvalidOperationException">The key has no intent row.</exception>
    public void RecordOracleFailure(OracleCallKey key, OracleFailure failure, double? rawEnergy = null, IReadOnlyList<double>? rawForces = null)
    {
        ThrowIfClosed();
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(failure);
        var row = RequireIntent(key.Value, "a failure");
        row.Status = "failed";
        row.SetFailure(failure);
        row.Energy = rawEnergy is double e && double.IsFinite(e) ? e : null;
        row.ForcesJson = row.Energy is null || rawForces is null || rawForces.Count == 0 || rawForces.Any(f => !double.IsFinite(f))
            ? null
            : StoreText.DoublesToJson(key.PerAtomToCanonical(rawForces));
        row.Save(_store, insert: false);
    }

    /// <summary>
    /// Records a transient error (infrastructure trouble) of an attempt: the key stays in the intent state, to be
    /// tried again, and the error is kept as its last one.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="failure">The error.</param>
    /// <exception cref="InvalidOperationException">The key has no intent row.</exception>
    public void RecordOracleAttemptError(OracleCallKey key, OracleFailure failure)
    {
        ThrowIfClosed();
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(failure);
        var row = RequireIntent(key.Value, "an attempt error");
        row.SetFailure(failure);
        row.Save(_store, insert: false);
    }

    /// <summary>Records that the geometry gate rejected a structure (the oracle was not called).</summary>
    /// <param name="oracle">The oracle identity.</param>
    /// <param name="structure">The structure (Å).</param>
    /// <param name="failure">The gate's failure (<see cref="OracleFailureKind.GeometryRejected"/>).</param>
    /// <returns>The key.</returns>
    /// <exception cref="InvalidOperationException">The key already has a recorded success.</exception>
    public OracleCallKey RecordGeometryRejection(OracleIdentity oracle, AtomicStructure structure, OracleFailure failure)
    {
        ThrowIfClosed();
        ArgumentNullException.ThrowIfNull(failure);
        var key = OracleCallKey.Compute(oracle, structure);
        var row = OracleCallRow.Load(_store, key.Value);
        bool insert = row is null;
        row ??= OracleCallRow.New(key.Value, oracle.ToCanonicalString(), StoreText.StructureToXyz(key.ToCanonical(structure)), "failed");
        RequireNotSucceeded(row, "rejected");
        row.Status = "failed";
        row.ClearResult();
        row.SetFailure(failure);
        row.Save(_store, insert);
        return key;
    }

    /// <summary>Records (or clears) the external job id of a call, for adoption after a restart.</summary>
    /// <param name="key">The key value.</param>
    /// <param name="externalJobId">The job id (e.g. a SLURM job id), or null.</param>
    /// <exception cref="InvalidOperationException">No row for the key.</exception>
    public void SetExternalJobId(string key, string? externalJobId)
    {
        ThrowIfClosed();
        ArgumentException.ThrowIfNullOrEmpty(key);
        var row = OracleCallRow.Load(_store, key) ?? throw new InvalidOperationException($"No oracle call {key} is recorded.");
        row.ExternalJobId = externalJobId;
        row.Save(_store, insert: false);
    }

    /// <summary>Adds the candidates of a generation (indices must be new).</summary>
    /// <param name="candidates">The candidates.</param>
    public void AddCandidates(IEnumerable<CandidateRecord> candidates)
    {
        ThrowIfClosed();
        ArgumentNullException.ThrowIfNull(candidates);
        foreach (var c in candidates)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(candidates));
            ArgumentOutOfRangeException.ThrowIfNegative(c.Generation, nameof(candidates));
            ArgumentOutOfRangeException.ThrowIfNegative(c.Index, nameof(candidates));
            ArgumentNullException.ThrowIfNull(c.Structure, nameof(candidates));
            ArgumentException.ThrowIfNullOrWhiteSpace(c.Decision, nameof(candidates));
            StoreText.RequireJson(c.ProvenanceJson, nameof(candidates), allowNull: false);
            _store.Insert(
                "candidates",
                RunStoreSchema.CandidateColumns,
                c.Generation, c.Index, StoreText.StructureToXyz(c.Structure), c.Key, c.ProvenanceJson, c.Score is double s && double.IsFinite(s) ? s : null,
                c.Decision, c.Reason, c.LabelStatus?.ToString(), c.LabelFailureKind?.ToString(), c.LabelMessage);
        }
    }

    /// <summary>Records how labelling ended for a candidate (N4).</summary>
    /// <param name="generation">Generation index.</param>
    /// <param name="index">Candidate index.</param>
    /// <param name="status">The outcome.</param>
    /// <param name="key">The candidate's oracle-call key, or null.</param>
    /// <param name="failureKind">The failure kind for failures and gate rejections, or null.</param>
    /// <param name="message">The failure reason (or the duplicated key), or null.</param>
    /// <exception cref="InvalidOperationException">No such candidate.</exception>
    public void SetCandidateLabel(int generation, int index, LabelStatus status, string? key, OracleFailureKind? failureKind = null, string? message = null)
    {
        ThrowIfClosed();
        var row = _store.SelectVerified("candidates", RunStoreSchema.CandidateColumns, "WHERE generation = $g AND idx = $i", ("$g", generation), ("$i", index))
            .SingleOrDefault() ?? throw new InvalidOperationException($"Candidate {index} of generation {generation} is not recorded.");
        row[3] = key ?? row[3];
        row[8] = status.ToString();
        row[9] = failureKind?.ToString();
        row[10] = message;
        _store.Execute("DELETE FROM candidates WHERE generation = $g AND idx = $i", ("$g", generation), ("$i", index));
        _store.Insert("candidates", RunStoreSchema.CandidateColumns, row);
    }

    /// <summary>
    /// Appends entries to a generation's dataset (after those already recorded for it). A generation's dataset is
    /// the whole training set of that generation, so it can be reloaded without replaying earlier ones.
    /// </summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="entries">The entries; an <see cref="DatasetEntry.OracleKey"/> must be a recorded call.</param>
    public void AddDatasetEntries(int generation, IEnumerable<DatasetEntry> entries)
    {
        ThrowIfClosed();
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentNullException.ThrowIfNull(entries);
        using var next = _store.Command("SELECT coalesce(max(position) + 1, 0) FROM dataset_members WHERE generation = $g", ("$g", generation));
        long position = (long)next.ExecuteScalar()!;
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            ArgumentNullException.ThrowIfNull(entry.Sample, nameof(entries));
            ArgumentException.ThrowIfNullOrWhiteSpace(entry.Origin, nameof(entries));
            ArgumentOutOfRangeException.ThrowIfLessThan(entry.Replication, 1, nameof(entries));
            string xyz = StoreText.SampleToXyz(entry.Sample);
            string sampleKey = StoreText.Sha256(xyz);
            _store.Execute("INSERT OR IGNORE INTO samples (sample_key, sample_xyz) VALUES ($k, $x)", ("$k", sampleKey), ("$x", xyz));
            _store.Insert(
                "dataset_members",
                RunStoreSchema.DatasetMemberColumns,
                generation, position++, sampleKey, entry.Replication, entry.Origin, entry.OracleKey, entry.SourceGeneration, entry.CandidateIndex);
        }
    }

    /// <summary>Records (or replaces) the hash and size of a checkpoint or export file.</summary>
    /// <param name="record">The record.</param>
    public void RecordCheckpoint(CheckpointRecord record)
    {
        ThrowIfClosed();
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfNegative(record.Generation, nameof(record));
        ArgumentException.ThrowIfNullOrEmpty(record.Name, nameof(record));
        ArgumentException.ThrowIfNullOrEmpty(record.RelativePath, nameof(record));
        _store.Execute("DELETE FROM checkpoints WHERE generation = $g AND name = $n", ("$g", record.Generation), ("$n", record.Name));
        _store.Insert(
            "checkpoints",
            RunStoreSchema.CheckpointColumns,
            record.Generation, record.Name, record.RelativePath, record.Sha256, record.Size, StoreText.Time(record.RecordedUtc));
    }

    /// <summary>Removes the record of a checkpoint file (nothing if none is recorded); the caller deletes the file after the commit.</summary>
    /// <param name="generation">Generation index (≥ 0).</param>
    /// <param name="name">Checkpoint name.</param>
    public void RemoveCheckpoint(int generation, string name)
    {
        ThrowIfClosed();
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _store.Execute("DELETE FROM checkpoints WHERE generation = $g AND name = $n", ("$g", generation), ("$n", name));
    }

    internal void Close() => _closed = true;

    private static void RequireNotSucceeded(OracleCallRow row, string what)
    {
        if (row.Status == "succeeded")
        {
            throw new InvalidOperationException($"Oracle call {row.Key} already succeeded; it is reused, never {what}.");
        }
    }

    private OracleCallRow RequireIntent(string key, string what)
    {
        var row = OracleCallRow.Load(_store, key);
        return row is { Status: "intent" }
            ? row
            : throw new InvalidOperationException(
                $"Cannot record {what} for oracle call {key}: it is {(row is null ? "not recorded" : "in state " + row.Status)}; record the intent first.");
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_closed, this);
}
