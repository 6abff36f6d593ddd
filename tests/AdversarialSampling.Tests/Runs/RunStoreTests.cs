using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Runs;

public sealed class RunStoreTests : IDisposable
{
    private static readonly OracleIdentity Oracle = new("fake", "1", [new("method", "toy")]);
    private readonly string _dir = RunTestKit.NewDirectory("run-store-");

    public void Dispose() => RunTestKit.DeleteDirectory(_dir);

    [Fact]
    public void Open_CreateNewThenReopen_ReadsBackRunPhasesAndCandidates()
    {
        using (var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew))
        {
            store.Write(w =>
            {
                w.InitializeRun("""{"generations":3}""", 42);
                w.AddCandidates([new CandidateRecord
                {
                    Generation = 1, Index = 0, Structure = RunTestKit.Water(), Key = "k", ProvenanceJson = """{"seed_index":4}""",
                    Score = double.NaN, Decision = "Invalid", Reason = "non-finite score",
                }]);
            });
            store.CompletePhase(0, "train-0", """{"loss":0.5}""");
            store.Write(w =>
            {
                w.CompletePhase(1, "attack");
                w.SetCandidateLabel(1, 0, LabelStatus.GateRejected, null, OracleFailureKind.GeometryRejected, "too close");
            });
        }

        using var reopened = RunStore.Open(_dir, RunStoreOpenMode.OpenExisting);
        var run = reopened.GetRun()!;
        Assert.Equal(("""{"generations":3}""", 42L), (run.ConfigJson, run.Seed));
        Assert.Equal(["0/train-0", "1/attack"], reopened.GetPhases().Select(p => $"{p.Generation}/{p.Phase}"));
        Assert.True(reopened.IsPhaseComplete(0, "train-0"));
        Assert.False(reopened.IsPhaseComplete(1, "select"));
        Assert.Equal("""{"loss":0.5}""", reopened.GetPhase(0, "train-0")!.PayloadJson);
        var candidate = Assert.Single(reopened.GetCandidates(1));
        Assert.Equal(RunTestKit.Water().Positions.ToArray(), candidate.Structure.Positions.ToArray());
        Assert.Null(candidate.Score);
        Assert.Equal((LabelStatus.GateRejected, OracleFailureKind.GeometryRejected, "too close"), (candidate.LabelStatus!.Value, candidate.LabelFailureKind!.Value, candidate.LabelMessage));
    }

    [Fact]
    public void Open_CreateNewWhereAStoreExists_ThrowsNamingTheDirectory()
    {
        RunStore.Open(_dir, RunStoreOpenMode.CreateNew).Dispose();

        var e = Assert.Throws<RunStoreException>(() => RunStore.Open(_dir, RunStoreOpenMode.CreateNew));

        Assert.Contains(_dir, e.Message, StringComparison.Ordinal);
        Assert.Contains("already has a run store", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunStoreOpenMode.OpenExisting)]
    [InlineData(RunStoreOpenMode.ReadOnly)]
    public void Open_ExistingModeWithoutStore_ThrowsNamingTheDirectory(RunStoreOpenMode mode)
    {
        var e = Assert.Throws<RunStoreException>(() => RunStore.Open(_dir, mode));

        Assert.Contains("has no run store", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SecondWriterInSameProcess_ThrowsRunLockedWithThisProcessId()
    {
        using var first = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);

        var e = Assert.Throws<RunLockedException>(() => RunStore.Open(_dir, RunStoreOpenMode.OpenExisting));

        Assert.Equal(Environment.ProcessId, e.HolderProcessId);
        Assert.Contains(_dir, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AfterWriterDisposed_Succeeds()
    {
        RunStore.Open(_dir, RunStoreOpenMode.CreateNew).Dispose();

        using var again = RunStore.Open(_dir, RunStoreOpenMode.OpenExisting);

        Assert.True(again.IsWritable);
    }

    [Fact]
    public void Open_ReadOnlyWhileWriterOpen_SeesCommittedDataAndRefusesWrites()
    {
        using var writer = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);
        writer.CompletePhase(0, "attack");

        using var reader = RunStore.Open(_dir, RunStoreOpenMode.ReadOnly);

        Assert.True(reader.IsPhaseComplete(0, "attack"));
        Assert.Throws<InvalidOperationException>(() => reader.CompletePhase(0, "select"));
    }

    [Fact]
    public void Write_CallbackThrows_CommitsNothing()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);

        Assert.Throws<InvalidDataException>(() => store.Write(w =>
        {
            w.CompletePhase(0, "attack");
            w.InitializeRun("{}", 1);
            throw new InvalidDataException("boom");
        }));

        Assert.False(store.IsPhaseComplete(0, "attack"));
        Assert.Null(store.GetRun());
    }

    [Fact]
    public void Write_Nested_Throws()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);

        Assert.Throws<InvalidOperationException>(() => store.Write(_ => store.CompletePhase(0, "x")));
        Assert.False(store.IsPhaseComplete(0, "x"));
    }

    [Fact]
    public void CompletePhase_Twice_Throws()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);
        store.CompletePhase(2, "label");

        Assert.Throws<InvalidOperationException>(() => store.CompletePhase(2, "label"));
    }

    [Fact]
    public void CompletePhase_InvalidJson_ThrowsArgumentException()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);

        Assert.Throws<ArgumentException>(() => store.CompletePhase(0, "x", "{not json"));
    }

    [Fact]
    public void OracleCall_IntentThenSuccess_StoresCanonicalOrderAndMapsForces()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);
        var water = RunTestKit.Water();
        double[] forces = [1, 2, 3, 4, 5, 6, 7, 8, 9];

        store.Write(w =>
        {
            var key = w.RecordOracleIntent(Oracle, water);
            w.RecordOracleSuccess(key, -14.2, forces, [.. Enumerable.Repeat(0.01, 9)]);
        });

        var key = OracleCallKey.Compute(Oracle, water);
        var row = store.GetOracleCall(key.Value)!;
        Assert.Equal(OracleCallStatus.Succeeded, row.Status);
        Assert.Equal([1, 1, 8], row.Structure.AtomicNumbers.ToArray());
        Assert.Equal(-14.2, row.Energy);
        Assert.Equal(forces, key.PerAtomFromCanonical(row.Forces));
        Assert.Equal(1, row.Attempts);
        Assert.Equal(Oracle.ToCanonicalString(), row.Oracle);
    }

    [Fact]
    public void OracleCall_IntentOnSucceededKey_ThrowsAndKeepsTheResult()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);
        store.Write(w => w.RecordOracleSuccess(w.RecordOracleIntent(Oracle, RunTestKit.Water()), -1, null));

        var e = Assert.Throws<InvalidOperationException>(() => store.Write(w => w.RecordOracleIntent(Oracle, RunTestKit.Water())));

        Assert.Contains("never called again", e.Message, StringComparison.Ordinal);
        Assert.Equal(OracleCallStatus.Succeeded, store.GetOracleCall(OracleCallKey.Compute(Oracle, RunTestKit.Water()).Value)!.Status);
    }

    [Fact]
    public void OracleCall_AttemptErrorThenRetryThenFailure_CountsAttemptsAndKeepsFailure()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);
        var key = OracleCallKey.Compute(Oracle, RunTestKit.Water());

        store.Write(w => w.RecordOracleAttemptError(w.RecordOracleIntent(Oracle, RunTestKit.Water()), new(OracleFailureKind.Infrastructure, "queue down")));
        var afterError = store.GetOracleCall(key.Value)!;
        store.Write(w => w.RecordOracleFailure(w.RecordOracleIntent(Oracle, RunTestKit.Water()), new(OracleFailureKind.NonConvergence, "SCF", "tail")));

        Assert.Equal((OracleCallStatus.Intent, OracleFailureKind.Infrastructure), (afterError.Status, afterError.Failure!.Kind));
        var row = store.GetOracleCall(key.Value)!;
        Assert.Equal(OracleCallStatus.Failed, row.Status);
        Assert.Equal(new OracleFailure(OracleFailureKind.NonConvergence, "SCF", "tail"), row.Failure);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public void OracleCall_SuccessWithoutIntent_Throws()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);

        Assert.Throws<InvalidOperationException>(() => store.Write(w => w.RecordOracleSuccess(OracleCallKey.Compute(Oracle, RunTestKit.Water()), -1, null)));
    }

    [Fact]
    public void SetExternalJobId_RecordedCall_ReadBack()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);
        var key = OracleCallKey.Compute(Oracle, RunTestKit.Water());
        store.Write(w => w.RecordOracleIntent(Oracle, RunTestKit.Water()));

        store.Write(w => w.SetExternalJobId(key.Value, "1234"));

        Assert.Equal("1234", store.GetOracleCall(key.Value)!.ExternalJobId);
    }

    [Fact]
    public void DatasetEntries_AddedInTwoTransactions_LoadInOrderWithProvenanceAndMetadata()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);
        var a = new LabelledSample(RunTestKit.Water(), -14.25, [.. Enumerable.Range(0, 9).Select(i => i / 7.0)], metadata: [new("generation", 0L)]);
        var b = new LabelledSample(RunTestKit.Water(0.3), -14.1, null, metadata: [new("seed_index", 3L), new("score", 0.125)]);
        store.Write(w => w.RecordOracleSuccess(w.RecordOracleIntent(Oracle, b.Structure), b.Energy, null));
        string bKey = OracleCallKey.Compute(Oracle, b.Structure).Value;

        store.Write(w => w.AddDatasetEntries(1, [new DatasetEntry(a, "initial")]));
        store.Write(w => w.AddDatasetEntries(1, [new DatasetEntry(b, "adversarial", 4, bKey, 0, 7)]));

        var entries = store.LoadDatasetEntries(1);
        Assert.Equal(2, entries.Count);
        Assert.Equal(RunTestKit.Text([a, b]), RunTestKit.Text(store.LoadDataset(1)));
        Assert.Equal(("adversarial", 4, bKey, 0, 7), (entries[1].Origin, entries[1].Replication, entries[1].OracleKey, entries[1].SourceGeneration!.Value, entries[1].CandidateIndex!.Value));
        Assert.Empty(store.LoadDatasetEntries(2));
    }

    [Fact]
    public void DatasetHash_SameEntries_EqualAndOrderSensitive()
    {
        var a = new LabelledSample(RunTestKit.Water(), -1);
        var b = new LabelledSample(RunTestKit.Water(1), -2);
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);

        store.Write(w =>
        {
            w.AddDatasetEntries(0, [new(a, "initial"), new(b, "initial")]);
            w.AddDatasetEntries(1, [new(a, "initial"), new(b, "initial")]);
            w.AddDatasetEntries(2, [new(b, "initial"), new(a, "initial")]);
        });

        Assert.Equal(store.DatasetHash(0), store.DatasetHash(1));
        Assert.NotEqual(store.DatasetHash(0), store.DatasetHash(2));
    }

    [Fact]
    public void DatasetEntries_UnknownOracleKey_RejectedByForeignKey()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);

        Assert.Throws<InvalidOperationException>(() => store.Write(w => w.AddDatasetEntries(0, [new(new LabelledSample(RunTestKit.Water(), -1), "x", OracleKey: "nope")])));
        Assert.Empty(store.LoadDatasetEntries(0));
    }

    [Fact]
    public void GetOracleCall_RowChangedBehindTheStore_ThrowsCorrupt()
    {
        string key;
        using (var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew))
        {
            key = OracleCallKey.Compute(Oracle, RunTestKit.Water()).Value;
            store.Write(w => w.RecordOracleSuccess(w.RecordOracleIntent(Oracle, RunTestKit.Water()), -14.2, null));
        }

        RunTestKit.Tamper(Path.Combine(_dir, RunStore.DatabaseFileName), "UPDATE oracle_calls SET energy = -14.3");
        using var reopened = RunStore.Open(_dir, RunStoreOpenMode.OpenExisting);

        var e = Assert.Throws<RunStoreCorruptException>(() => reopened.GetOracleCall(key));
        Assert.Contains("does not match its checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountOracleCalls_ByStateAndCreationTime_MatchesTheLedgerRows()
    {
        var keys = new List<string>();
        using (var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew))
        {
            store.Write(w =>
            {
                for (int i = 0; i < 6; i++)
                {
                    var key = w.RecordOracleIntent(Oracle, RunTestKit.Water(0.1 * i));
                    keys.Add(key.Value);
                    if (i < 3)
                    {
                        w.RecordOracleSuccess(key, -14 - i, null);
                    }
                    else if (i < 5)
                    {
                        w.RecordOracleFailure(key, new OracleFailure(OracleFailureKind.NonConvergence, "scf"));
                    }
                }
            });
        }

        // Two rows (a success and a failure) created an hour before the others.
        RunTestKit.Tamper(
            Path.Combine(_dir, RunStore.DatabaseFileName),
            $"UPDATE oracle_calls SET created_utc = '2026-01-01T10:00:00.0000000Z' WHERE key IN ('{keys[0]}', '{keys[3]}')");
        RunTestKit.Tamper(
            Path.Combine(_dir, RunStore.DatabaseFileName),
            $"UPDATE oracle_calls SET created_utc = '2026-01-01T11:00:00.0000000Z' WHERE key NOT IN ('{keys[0]}', '{keys[3]}')");
        using var reopened = RunStore.Open(_dir, RunStoreOpenMode.ReadOnly);
        var since = new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.Zero);

        Assert.Equal(new OracleCallCounts(Intent: 1, Succeeded: 3, Failed: 2), reopened.CountOracleCalls());
        Assert.Equal(new OracleCallCounts(Intent: 1, Succeeded: 2, Failed: 1), reopened.CountOracleCalls(createdSince: since));
        Assert.Equal(4, reopened.CountOracleCalls(createdSince: since).Total);
        var rows = reopened.GetOracleCalls().Where(c => c.CreatedUtc >= since).ToList();
        Assert.Equal(
            (rows.Count(c => c.Status == OracleCallStatus.Intent), rows.Count(c => c.Status == OracleCallStatus.Succeeded), rows.Count(c => c.Status == OracleCallStatus.Failed)),
            (1, 2, 1));
        Assert.Equal(new OracleCallCounts(0, 0, 0), reopened.CountOracleCalls(createdSince: since.AddSeconds(1)));
    }

    [Fact]
    public void CountOracleCalls_CreationTimeNotATime_ThrowsCorruptNamingTheValue()
    {
        using (var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew))
        {
            store.Write(w => w.RecordOracleIntent(Oracle, RunTestKit.Water()));
        }

        RunTestKit.Tamper(Path.Combine(_dir, RunStore.DatabaseFileName), "UPDATE oracle_calls SET created_utc = 'yesterday'");
        using var reopened = RunStore.Open(_dir, RunStoreOpenMode.ReadOnly);

        Assert.Equal(1, reopened.CountOracleCalls().Intent); // no time asked: the time is not read
        var e = Assert.Throws<RunStoreCorruptException>(() => reopened.CountOracleCalls(DateTimeOffset.UnixEpoch));
        Assert.Contains("'yesterday'", e.Message, StringComparison.Ordinal);
        Assert.Contains(RunStore.DatabaseFileName, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDataset_SampleChangedBehindTheStore_ThrowsCorrupt()
    {
        using (var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew))
        {
            store.Write(w => w.AddDatasetEntries(0, [new(new LabelledSample(RunTestKit.Water(), -1.5), "initial")]));
        }

        RunTestKit.Tamper(Path.Combine(_dir, RunStore.DatabaseFileName), "UPDATE samples SET sample_xyz = replace(sample_xyz, '-1.5', '-1.6')");
        using var reopened = RunStore.Open(_dir, RunStoreOpenMode.OpenExisting);

        Assert.Throws<RunStoreCorruptException>(() => reopened.LoadDataset(0));
    }

    [Fact]
    public void Open_EmptyDatabaseFile_ThrowsCorruptSayingCreationWasInterrupted()
    {
        File.WriteAllBytes(Path.Combine(_dir, RunStore.DatabaseFileName), []);

        var e = Assert.Throws<RunStoreCorruptException>(() => RunStore.Open(_dir, RunStoreOpenMode.OpenExisting));

        Assert.Contains("creation was interrupted", e.Message, StringComparison.Ordinal);
        Assert.Contains(RunStore.DatabaseFileName, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CreateNewOverAnEmptyDatabaseFile_ReplacesItWithAWorkingStore()
    {
        string database = Path.Combine(_dir, RunStore.DatabaseFileName);
        File.WriteAllBytes(database, []);
        Assert.False(RunStore.HasStore(_dir));

        using (var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew))
        {
            Assert.Null(store.GetRun());
            store.Write(w => w.InitializeRun("{}", 3));
        }

        Assert.True(RunStore.HasStore(_dir));
        using var reopened = RunStore.Open(_dir, RunStoreOpenMode.OpenExisting);
        Assert.Equal(3L, reopened.GetRun()!.Seed);
    }

    [Fact]
    public void Open_AfterACreationKilledBeforeItsRename_NoStoreToResumeAndCreateNewCleansUp()
    {
        // What a process killed inside CreateNew leaves: the database being built under its temporary name (here a
        // complete one, as just before the rename, with a stray journal), and no run.db.
        string other = RunTestKit.NewDirectory("run-store-other-");
        try
        {
            RunStore.Open(other, RunStoreOpenMode.CreateNew).Dispose();
            File.Copy(Path.Combine(other, RunStore.DatabaseFileName), Path.Combine(_dir, RunStore.CreatingFileName));
        }
        finally
        {
            RunTestKit.DeleteDirectory(other);
        }

        File.WriteAllText(Path.Combine(_dir, RunStore.CreatingFileName + "-journal"), "torn");
        Assert.False(RunStore.HasStore(_dir));

        var e = Assert.Throws<RunStoreException>(() => RunStore.Open(_dir, RunStoreOpenMode.OpenExisting));
        Assert.IsNotType<RunStoreCorruptException>(e);
        Assert.Contains("has no run store", e.Message, StringComparison.Ordinal);

        using (var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew))
        {
            store.Write(w => w.InitializeRun("{}", 5));
        }

        Assert.Empty(Directory.GetFiles(_dir, RunStore.CreatingFileName + "*"));
        using var reopened = RunStore.Open(_dir, RunStoreOpenMode.OpenExisting);
        Assert.Equal(5L, reopened.GetRun()!.Seed);
    }

    [Fact]
    public void Open_CreateNew_LeavesOnlyACompleteStoreThatResumesBeforeAnyRunRecord()
    {
        RunStore.Open(_dir, RunStoreOpenMode.CreateNew).Dispose();

        Assert.False(File.Exists(Path.Combine(_dir, RunStore.CreatingFileName)));
        Assert.Null(RunStoreSchema.CheckDatabaseFile(Path.Combine(_dir, RunStore.DatabaseFileName)));
        using var reopened = RunStore.Open(_dir, RunStoreOpenMode.OpenExisting);
        Assert.Null(reopened.GetRun());
        Assert.Empty(reopened.GetPhases());
    }

    [Fact]
    public void Open_GarbageFile_ThrowsCorrupt()
    {
        File.WriteAllText(Path.Combine(_dir, RunStore.DatabaseFileName), new string('x', 5000));

        Assert.Throws<RunStoreCorruptException>(() => RunStore.Open(_dir, RunStoreOpenMode.OpenExisting));
    }

    [Fact]
    public void Open_ForeignSqliteDatabase_ThrowsNotARunStore()
    {
        RunTestKit.Tamper(Path.Combine(_dir, RunStore.DatabaseFileName), "CREATE TABLE t (x); INSERT INTO t VALUES (1)");

        var e = Assert.Throws<RunStoreException>(() => RunStore.Open(_dir, RunStoreOpenMode.OpenExisting));

        Assert.IsNotType<RunStoreCorruptException>(e);
        Assert.Contains("not a run store", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NewerSchemaVersion_ThrowsAskingForNewerLibrary()
    {
        RunStore.Open(_dir, RunStoreOpenMode.CreateNew).Dispose();
        RunTestKit.Tamper(Path.Combine(_dir, RunStore.DatabaseFileName), "PRAGMA user_version = 99");

        var e = Assert.Throws<RunStoreException>(() => RunStore.Open(_dir, RunStoreOpenMode.OpenExisting));

        Assert.Contains("newer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FailedOpen_ReleasesTheLock()
    {
        File.WriteAllBytes(Path.Combine(_dir, RunStore.DatabaseFileName), []);
        Assert.Throws<RunStoreCorruptException>(() => RunStore.Open(_dir, RunStoreOpenMode.OpenExisting));
        File.Delete(Path.Combine(_dir, RunStore.DatabaseFileName));

        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);

        Assert.True(store.IsWritable);
    }

    [Fact]
    public void Checkpoints_RecordedTwice_LastRecordWins()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);
        var first = new CheckpointRecord(1, "m.pt", "checkpoints/gen-001/m.pt", new string('a', 64), 10, DateTimeOffset.UnixEpoch);

        store.Write(w => w.RecordCheckpoint(first));
        store.Write(w => w.RecordCheckpoint(first with { Sha256 = new string('b', 64), Size = 11 }));

        var record = Assert.Single(store.GetCheckpoints());
        Assert.Equal((new string('b', 64), 11L, DateTimeOffset.UnixEpoch), (record.Sha256, record.Size, record.RecordedUtc));
    }
}
