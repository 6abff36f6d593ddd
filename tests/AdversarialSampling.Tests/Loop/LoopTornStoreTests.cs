using System.Globalization;
using AdversarialSampling.Loop;
using AdversarialSampling.Runs;
using AdversarialSampling.Tests.Runs;
using AdversarialSampling.Tests.TestSupport;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// Issue #5 acceptance "torn run store" (reliability.md §3.2) on a loop run directory: the directory as a crash leaves it
/// in generation 1 (run.db + run.db-wal with the writer open, checkpoints, exports) has its database files truncated
/// at many byte offsets; resuming each copy either finishes with exactly the uninterrupted run's dataset, or fails with
/// a clear run-store error naming the file — never another exception, never a different dataset.
/// </summary>
[Trait("Category", "Acceptance")]
[Collection(SerialCollection.Name)]
public sealed class LoopTornStoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = RunTestKit.NewDirectory("loop-torn-");

    public void Dispose() => RunTestKit.DeleteDirectory(_root);

    [Fact]
    public async Task ResumeAsync_DatabaseFilesTruncatedAtManyOffsets_FinishesIdenticallyOrFailsClearly()
    {
        var reference = await TinyLoopReference.GetAsync();
        string image = CrashImage("1:merge");
        byte[] db = File.ReadAllBytes(Path.Combine(image, RunStore.DatabaseFileName));
        byte[] wal = File.ReadAllBytes(Path.Combine(image, RunStore.DatabaseFileName + "-wal"));
        output.WriteLine($"crash image: run.db {db.Length} bytes, run.db-wal {wal.Length} bytes");

        var outcomes = new List<string>();
        foreach (var (file, length) in Offsets(wal.Length).Select(o => ("run.db-wal", o)).Concat(Offsets(db.Length, 6).Select(o => ("run.db", o))))
        {
            string copy = Copy(image, $"{file}-{length}");
            using (var stream = new FileStream(Path.Combine(copy, file), FileMode.Open))
            {
                stream.SetLength(length);
            }

            string outcome;
            try
            {
                var reports = await TinyLoopReference.Collect(LoopTestKit.TinyDoubleWell(copy).Build().ResumeAsync());
                string hash = reports.Count > 0 ? reports[^1].DatasetHash : LoopTestKit.TinyDoubleWell(copy).Build().ReadReports()[^1].DatasetHash;
                Assert.Equal(reference.FinalHash, hash);
                outcome = $"resumed from generation {(reports.Count > 0 ? reports[0].Generation : -1)} to the same dataset";
            }
            catch (RunStoreCorruptException e)
            {
                Assert.Contains(Path.Combine(copy, RunStore.DatabaseFileName), e.Message, StringComparison.Ordinal);
                outcome = "RunStoreCorruptException";
            }

            outcomes.Add(outcome);
            output.WriteLine($"{file} truncated to {length,7} bytes: {outcome}");
        }

        Assert.Contains(outcomes, o => o.StartsWith("resumed", StringComparison.Ordinal));
    }

    /// <summary>Runs the tiny loop in-process and copies its directory right after a commit, with the store still open (as a kill leaves it).</summary>
    private string CrashImage(string point)
    {
        string run = Path.Combine(_root, "run"), image = Path.Combine(_root, "image");
        var loop = LoopTestKit.TinyDoubleWell(run).Build();
        using var cts = new CancellationTokenSource();
        loop.AfterPhaseCommitted = (g, phase) =>
        {
            if (string.Create(CultureInfo.InvariantCulture, $"{g}:{phase}") == point)
            {
                CopyDirectory(run, image);
                cts.Cancel();
            }
        };
        Assert.ThrowsAnyAsync<OperationCanceledException>(() => TinyLoopReference.Collect(loop.RunAsync(cts.Token))).GetAwaiter().GetResult();
        Assert.True(File.Exists(Path.Combine(image, RunStore.DatabaseFileName + "-wal")));
        return image;
    }

    private string Copy(string image, string name)
    {
        string copy = Path.Combine(_root, name);
        CopyDirectory(image, copy);
        return copy;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(RunStore.LockFileName, StringComparison.Ordinal) || file.EndsWith("-shm", StringComparison.Ordinal))
            {
                continue; // the lock and the shared-memory index are not state: a crash leaves them stale
            }

            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Offsets spread over a file: page-aligned, unaligned, and the last byte.</summary>
    private static IEnumerable<long> Offsets(long length, int count = 16)
        => Enumerable.Range(0, count - 1)
            .Select(i => (long)(length * (double)i / (count - 1)))
            .Select((o, i) => i % 2 == 0 ? o - (o % 4096) : o + (i * 37 % 500))
            .Select(o => Math.Clamp(o, 0, length - 1))
            .Append(length - 1)
            .Distinct();
}
