using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Runs;

/// <summary>
/// A run store built in two sessions (generation 0 folded into run.db, generations 1–2 left in the write-ahead
/// log), the raw dump after every committed transaction, and byte copies of its files: as a crash would leave
/// them (run.db + run.db-wal while the writer was open) and after a clean close.
/// </summary>
public sealed class TornStoreFixture : IDisposable
{
    private static readonly OracleIdentity Oracle = new("fake", "1");
    private readonly string _dir = RunTestKit.NewDirectory("torn-source-");
    private readonly List<string> _snapshots = [];

    public TornStoreFixture()
    {
        string db = Path.Combine(_dir, RunStore.DatabaseFileName);
        var random = new Random(5);
        using (var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew))
        {
            _snapshots.Add(RunTestKit.Dump(db));
            Step(store, db, w => w.InitializeRun("""{"generations":3}""", 7));
            Generation(store, db, 0, random);
        }

        using (var store = RunStore.Open(_dir, RunStoreOpenMode.OpenExisting))
        {
            Generation(store, db, 1, random);
            Generation(store, db, 2, random);
            CrashDatabase = File.ReadAllBytes(db);
            CrashLog = File.ReadAllBytes(db + "-wal");
        }

        ClosedDatabase = File.ReadAllBytes(db);
    }

    /// <summary>run.db as a crash leaves it (generation 0 only; the rest is in <see cref="CrashLog"/>).</summary>
    public byte[] CrashDatabase { get; }

    /// <summary>run.db-wal as a crash leaves it.</summary>
    public byte[] CrashLog { get; }

    /// <summary>run.db after a clean close (everything folded in, no log).</summary>
    public byte[] ClosedDatabase { get; }

    /// <summary>Raw dumps: after creation, then after each committed transaction.</summary>
    public IReadOnlyList<string> Snapshots => _snapshots;

    public void Dispose() => RunTestKit.DeleteDirectory(_dir);

    private static AtomicStructure Cluster(Random random, int atoms)
        => new([.. Enumerable.Repeat(18, atoms)], [.. Enumerable.Range(0, 3 * atoms).Select(i => 2.0 * (i % 7) + random.NextDouble())]);

    private void Generation(RunStore store, string db, int generation, Random random)
    {
        var samples = new List<DatasetEntry>();
        for (int k = 0; k < 4; k++)
        {
            var structure = Cluster(random, 40);
            double[] forces = [.. Enumerable.Range(0, 120).Select(_ => random.NextDouble() - 0.5)];
            double energy = -random.NextDouble() * 100;
            string key = OracleCallKey.Compute(Oracle, structure).Value;
            Step(store, db, w => w.RecordOracleIntent(Oracle, structure));
            Step(store, db, w => w.RecordOracleSuccess(OracleCallKey.Compute(Oracle, structure), energy, forces));
            samples.Add(new DatasetEntry(new LabelledSample(structure, energy, forces), "adversarial", 4, key, generation, k));
        }

        Step(store, db, w => w.AddCandidates(Enumerable.Range(0, 5).Select(i => new CandidateRecord
        {
            Generation = generation, Index = i, Structure = Cluster(random, 30), Score = random.NextDouble(), Decision = "Accepted",
        })));
        Step(store, db, w => w.AddDatasetEntries(generation, samples));
        Step(store, db, w =>
        {
            w.RecordCheckpoint(new CheckpointRecord(generation, "member-0.pt", $"checkpoints/gen-00{generation}/member-0.pt", new string('c', 64), 1234, DateTimeOffset.UnixEpoch));
            w.CompletePhase(generation, "label", """{"labelled":4}""");
        });
    }

    private void Step(RunStore store, string db, Action<RunStoreWriter> write)
    {
        store.Write(write);
        _snapshots.Add(RunTestKit.Dump(db));
    }
}
