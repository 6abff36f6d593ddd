using AdversarialSampling.Runs;

namespace AdversarialSampling.Tests.Runs;

/// <summary>Single writer across processes: a child process (AdversarialSampling.TestHost) holds the run directory.</summary>
public sealed class RunStoreLockTests : IDisposable
{
    private readonly string _dir = RunTestKit.NewDirectory("run-lock-");

    public void Dispose() => RunTestKit.DeleteDirectory(_dir);

    [Fact]
    public void Open_WhileAnotherProcessHoldsTheDirectory_ThrowsRunLockedNamingDirectoryAndPid()
    {
        RunStore.Open(_dir, RunStoreOpenMode.CreateNew).Dispose();
        using var host = HostProcess.Start("hold", _dir);
        host.WaitForLine("HOLDING");

        var e = Assert.Throws<RunLockedException>(() => RunStore.Open(_dir, RunStoreOpenMode.OpenExisting));

        Assert.Equal(host.Id, e.HolderProcessId);
        Assert.Contains(_dir, e.Message, StringComparison.Ordinal);
        Assert.Contains($"process {host.Id}", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.CloseInputAndWait());
        using var store = RunStore.Open(_dir, RunStoreOpenMode.OpenExisting);
        Assert.True(store.IsWritable);
    }

    [Fact]
    public void Open_AfterTheHolderWasKilled_Succeeds()
    {
        using (var host = HostProcess.Start("hold", _dir))
        {
            host.WaitForLine("HOLDING");
            Assert.Throws<RunLockedException>(() => RunStore.Open(_dir, RunStoreOpenMode.OpenExisting));
            host.KillHard();
        }

        using var store = RunStore.Open(_dir, RunStoreOpenMode.OpenExisting);
        Assert.True(store.IsWritable);
    }

    [Fact]
    public void Open_InChildWhileThisProcessHoldsIt_ChildReportsLockedWithOurPid()
    {
        using var store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);
        using var host = HostProcess.Start("hold", _dir);

        string line = host.WaitForLine("LOCKED");

        Assert.Contains($"process {Environment.ProcessId}", line, StringComparison.Ordinal);
        Assert.Equal(3, host.CloseInputAndWait());
    }
}

/// <summary>
/// <see cref="RunStore.FindHolder"/> probes the lock by taking it for an instant; a writer opening in that instant
/// must still get the directory (as when a monitoring script polls <c>status</c> while a job starts <c>resume</c>).
/// </summary>
public sealed class RunStoreHolderProbeTests : IDisposable
{
    private readonly string _dir = RunTestKit.NewDirectory("run-probe-");

    public void Dispose() => RunTestKit.DeleteDirectory(_dir);

    [Fact]
    public async Task Acquire_WhileFindHolderIsPolledWithoutPause_NeverRefusesTheWriter()
    {
        RunLock.Acquire(_dir).Dispose();
        using var stop = new CancellationTokenSource();
        int probes = 0;
        Exception? pollerFailure = null;
        // A thread of its own: a thread-pool task can start hundreds of milliseconds late while other tests run.
        var poller = new Thread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    RunStore.FindHolder(_dir);
                    Interlocked.Increment(ref probes);
                }
            }
            catch (Exception e)
            {
                pollerFailure = e;
            }
        });
        poller.Start();
        SpinWait.SpinUntil(() => Volatile.Read(ref probes) > 0 || !poller.IsAlive);

        int refusals = 0, acquisitions = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // 2000 acquisitions, and on until the poller has probed at least as often.
            for (; acquisitions < 2000 || (Volatile.Read(ref probes) <= 2000 && poller.IsAlive); acquisitions++)
            {
                try
                {
                    RunLock.Acquire(_dir).Dispose();
                }
                catch (RunLockedException)
                {
                    refusals++;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            poller.Join();
        }

        Assert.Null(pollerFailure);
        Assert.True(probes > 1000, $"the poller ran only {probes} probes");
        Assert.True(refusals == 0, $"{refusals} of {acquisitions} acquisitions were refused while {probes} probes ran ({watch.ElapsedMilliseconds} ms)");
    }
}
