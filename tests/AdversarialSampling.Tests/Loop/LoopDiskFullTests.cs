using System.Diagnostics;
using AdversarialSampling.Loop;
using AdversarialSampling.Runs;
using AdversarialSampling.Tests.Runs;
using AdversarialSampling.Tests.TestSupport;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// reliability.md §3.6, disk full: the tiny loop runs in a tmpfs too small for the whole run. It must pause
/// (<see cref="RunPausedException"/>) with everything committed so far intact and readable, and once the file system is
/// enlarged a resume must finish with the uninterrupted run's dataset, paying no oracle call twice.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LoopDiskFullTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _mount = RunTestKit.NewDirectory("loop-disk-full-");
    private bool _mounted;

    public void Dispose()
    {
        if (_mounted)
        {
            Run("umount", _mount);
        }

        RunTestKit.DeleteDirectory(_mount);
    }

    /// <summary>
    /// File systems of 160–272 KiB (the whole run takes about 280 KiB) fill up at different points; measured: writing
    /// generation 0's committee checkpoint file (160), its SQLite commit (212), generation 0's report and exports (240),
    /// generation 1's explore (256) and select (272) commits. The report case threw a bare <see cref="RunStoreException"/>
    /// until the report phase was given the same pause as the other phases.
    /// </summary>
    [RootTheory]
    [InlineData(160)]
    [InlineData(212)]
    [InlineData(240)]
    [InlineData(256)]
    [InlineData(272)]
    public async Task RunAsync_DiskFillsUp_PausesWithTheStoreIntactAndResumesToTheSameDataset(int kibibytes)
    {
        var reference = await TinyLoopReference.GetAsync();
        long size = kibibytes * 1024L;
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", _mount);
        _mounted = true;
        string run = Path.Combine(_mount, "run");

        var paused = await Assert.ThrowsAsync<RunPausedException>(() => TinyLoopReference.Collect(LoopTestKit.TinyDoubleWell(run).Build().RunAsync()));

        output.WriteLine($"tmpfs {size} bytes; paused: {paused.Message}");
        Assert.Matches("disk is full|No space left on device", paused.ToString());
        int committed;
        using (var store = RunStore.Open(run, RunStoreOpenMode.ReadOnly))
        {
            RunTestKit.ReadEverything(store); // every row and checkpoint committed before the pause reads back verified
            committed = store.GetPhases().Count;
        }

        Run("mount", "-o", $"remount,size={64 << 20}", "tmpfs", _mount);
        var reports = await TinyLoopReference.Collect(LoopTestKit.TinyDoubleWell(run).Build().ResumeAsync());

        output.WriteLine($"{committed} phases committed before the pause; resumed to generation {reports[^1].Generation}");
        Assert.Equal(reference.FinalHash, reports[^1].DatasetHash);
        using var done = RunStore.Open(run, RunStoreOpenMode.ReadOnly);
        using var referenceStore = RunStore.Open(reference.RunDirectory, RunStoreOpenMode.ReadOnly);
        Assert.Equal(referenceStore.GetOracleCalls().Select(c => c.Key).Order(), done.GetOracleCalls().Select(c => c.Key).Order());
    }

    /// <summary>
    /// A training state that does not fit is skipped with warning 1317 instead of pausing the run (it is four times the
    /// size of the committee checkpoint that training must still write); the previous state stays loadable.
    /// </summary>
    [RootTheory]
    [InlineData(256)]
    public void TrainingStateSave_DiskFull_IsSkippedWithAWarningAndThePreviousStateStaysLoadable(int kibibytes)
    {
        Run("mount", "-t", "tmpfs", "-o", $"size={kibibytes * 1024L}", "tmpfs", _mount);
        _mounted = true;
        var logs = new ListLoggerFactory();
        using var store = RunStore.Open(Path.Combine(_mount, "run"), RunStoreOpenMode.CreateNew);
        var states = new LoopTrainingState(store, 0, TimeSpan.Zero, logs.CreateLogger("test"));
        byte[] small = [.. Enumerable.Range(0, 10_000).Select(i => (byte)i)];

        states.Save(small, epoch: 1);
        states.Save(new byte[kibibytes * 1024], epoch: 2); // larger than the whole file system

        var warning = Assert.Single(logs.Entries, e => e.Id.Id == 1317);
        Assert.Contains("after epoch 2 could not be saved", warning.Message, StringComparison.Ordinal);
        Assert.Equal(small, states.Load());
        Run("mount", "-o", $"remount,size={8 << 20}", "tmpfs", _mount);
        byte[] later = [.. small.Reverse()];
        states.Save(later, epoch: 3); // space is back: saving works again
        Assert.Equal(later, states.Load());
    }

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, UseShellExecute = false })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {process.ExitCode}: {error}");
    }
}
