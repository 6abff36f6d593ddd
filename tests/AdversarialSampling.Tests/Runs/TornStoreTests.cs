using AdversarialSampling.Runs;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Runs;

/// <summary>
/// reliability.md §3.2: the store's files truncated at many byte offsets either open to exactly a committed state
/// (a prefix of the transactions) or fail with <see cref="RunStoreCorruptException"/>; never another exception,
/// never data that was not committed as such.
/// </summary>
public sealed class TornStoreTests : IClassFixture<TornStoreFixture>, IDisposable
{
    private const int Offsets = 40;
    private readonly TornStoreFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly string _root = RunTestKit.NewDirectory("torn-");
    private int _copies;

    public TornStoreTests(TornStoreFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    public void Dispose() => RunTestKit.DeleteDirectory(_root);

    [Fact]
    public void Open_UntruncatedCrashCopy_RecoversTheLastCommittedState()
    {
        Assert.Equal(_fixture.Snapshots.Count - 1, Open(_fixture.CrashDatabase, _fixture.CrashLog));
    }

    [Fact]
    public void Open_LogTruncatedAtManyOffsets_RecoversAPrefixThatGrowsWithTheOffset()
    {
        var states = new List<int>();
        foreach (long offset in OffsetsIn(_fixture.CrashLog.Length))
        {
            int? state = Open(_fixture.CrashDatabase, _fixture.CrashLog[..(int)offset]);
            Assert.NotNull(state); // run.db itself is intact: the committed prefix is always recoverable
            states.Add(state.Value);
        }

        _output.WriteLine($"log of {_fixture.CrashLog.Length} bytes, {_fixture.Snapshots.Count} committed states; recovered states by offset: {string.Join(' ', states)}");
        Assert.Equal(states.Order(), states); // a longer log never recovers less
        Assert.True(states.Distinct().Count() >= 10, $"only {states.Distinct().Count()} distinct committed states were recovered");
    }

    [Fact]
    public void Open_DatabaseTruncatedWithLogIntact_OpensToTheLastStateOrFailsClearly()
    {
        int corrupt = 0;
        foreach (long offset in OffsetsIn(_fixture.CrashDatabase.Length))
        {
            int? state = Open(_fixture.CrashDatabase[..(int)offset], _fixture.CrashLog);
            corrupt += state is null ? 1 : 0;
            _output.WriteLine($"run.db truncated to {offset} of {_fixture.CrashDatabase.Length} bytes: {(state is null ? "RunStoreCorruptException" : $"state {state}")}");
        }

        Assert.True(corrupt > 0);
    }

    [Fact]
    public void Open_ClosedDatabaseTruncatedAtManyOffsets_OpensToTheLastStateOrFailsClearly()
    {
        Assert.Equal(_fixture.Snapshots.Count - 1, Open(_fixture.ClosedDatabase, null));
        int corrupt = 0;
        foreach (long offset in OffsetsIn(_fixture.ClosedDatabase.Length))
        {
            int? state = Open(_fixture.ClosedDatabase[..(int)offset], null);
            corrupt += state is null ? 1 : 0;
        }

        Assert.Equal(Offsets, corrupt); // every truncation of a cleanly closed store loses committed pages: all detected
    }

    /// <summary>Offsets spread over the file: 4096-byte-aligned ones (whole pages lost), unaligned ones and the last byte.</summary>
    private static IEnumerable<long> OffsetsIn(long length)
        => Enumerable.Range(0, Offsets - 1)
            .Select(i => (long)(length * (double)i / (Offsets - 1)))
            .Select((o, i) => i % 3 == 0 ? o - o % 4096 : o + (i * 37) % 500)
            .Select(o => Math.Min(o, length - 1))
            .Append(length - 1);

    /// <summary>
    /// Opens a copy of the given files. Returns the index of the committed state it holds (the test fails if it holds
    /// anything else), or null when it failed with <see cref="RunStoreCorruptException"/>. Any other exception fails.
    /// </summary>
    private int? Open(byte[] database, byte[]? log)
    {
        string dir = Path.Combine(_root, (_copies++).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        string db = Path.Combine(dir, RunStore.DatabaseFileName);
        File.WriteAllBytes(db, database);
        if (log is not null)
        {
            File.WriteAllBytes(db + "-wal", log);
        }

        try
        {
            using var store = RunStore.Open(dir, RunStoreOpenMode.OpenExisting);
            RunTestKit.ReadEverything(store);
            string state = RunTestKit.Dump(db);
            int index = _fixture.Snapshots.ToList().LastIndexOf(state);
            Assert.True(index >= 0, $"The store opened to a state that was never committed (database {database.Length} bytes, log {log?.Length} bytes).");
            return index;
        }
        catch (RunStoreCorruptException e)
        {
            Assert.Contains(db, e.Message, StringComparison.Ordinal);
            return null;
        }
    }
}
