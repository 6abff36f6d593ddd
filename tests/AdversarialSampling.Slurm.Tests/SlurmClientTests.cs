namespace AdversarialSampling.Slurm.Tests;

/// <summary>The shared squeue queries of <see cref="SlurmClient.FindByNameAsync"/> against the fake SLURM commands.</summary>
public sealed class SlurmClientTests : IDisposable
{
    private readonly FakeSlurm _slurm = new();

    public void Dispose() => _slurm.Dispose();

    /// <summary>A client whose gathering window (a tenth of the poll interval) is long enough for a test to enqueue every name first.</summary>
    private SlurmClient Client() => new(_slurm.Options(o => o with { PollInterval = TimeSpan.FromSeconds(1) }));

    private static string[] NamesIn(string squeueCall)
        => squeueCall.Split(' ').Single(a => a.StartsWith("--name=", StringComparison.Ordinal))["--name=".Length..].Split(',');

    [Fact]
    public async Task FindByNameAsync_ConcurrentCalls_ShareOneSqueueAndEachGetsOnlyItsOwnJobs()
    {
        for (int i = 0; i < 10; i++)
        {
            _slurm.AddJob((100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), $"as-{i % 5}", i < 5 ? "RUNNING" : "COMPLETED", $"adversarial-sampling:{i}", _slurm.Root);
        }

        var client = Client();
        var calls = Enumerable.Range(0, 8).Select(i => client.FindByNameAsync($"as-{i}", CancellationToken.None)).ToList();
        var answers = await Task.WhenAll(calls);

        var squeue = Assert.Single(_slurm.Calls("squeue"));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"as-{i}").Order(StringComparer.Ordinal), NamesIn(squeue));
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(0, answers[i].Result.ExitCode);
            var jobs = answers[i].Jobs!;
            Assert.All(jobs, j => Assert.Equal($"as-{i}", j.Name));
            Assert.Equal(i < 5 ? [$"{100 + i}", $"{105 + i}"] : [], jobs.Select(j => j.Id).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task FindByNameAsync_MoreNamesThanOneQueryTakes_SplitsIntoQueriesOfAtMostTheLimit()
    {
        var client = Client();
        int count = SlurmClient.MaxNamesPerQuery + 50;

        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.FindByNameAsync($"as-{i}", CancellationToken.None)));

        var queries = _slurm.Calls("squeue");
        Assert.Equal(2, queries.Count);
        Assert.All(queries, q => Assert.InRange(NamesIn(q).Length, 1, SlurmClient.MaxNamesPerQuery));
        Assert.Equal(count, queries.Sum(q => NamesIn(q).Length));
        Assert.All(answers, a => Assert.Empty(a.Jobs!));
    }

    [Fact]
    public async Task FindByNameAsync_ControllerDown_EveryWaiterGetsTheFailedResult()
    {
        _slurm.ControllerDown(1);
        var client = Client();

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => client.FindByNameAsync($"as-{i}", CancellationToken.None)));

        Assert.Single(_slurm.Calls("squeue"));
        Assert.All(answers, a =>
        {
            Assert.Null(a.Jobs);
            Assert.NotEqual(0, a.Result.ExitCode);
            Assert.Contains("Unable to contact slurm controller", a.Result.Output, StringComparison.Ordinal);
        });

        var later = await client.FindByNameAsync("as-0", CancellationToken.None); // the next query runs normally
        Assert.Equal(0, later.Result.ExitCode);
    }

    [Fact]
    public async Task FindByNameAsync_OneWaiterCancelled_StopsOnlyThatWaiter()
    {
        var client = Client();
        using var cts = new CancellationTokenSource();

        var cancelled = client.FindByNameAsync("as-0", cts.Token);
        var other = client.FindByNameAsync("as-1", CancellationToken.None);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(0, (await other).Result.ExitCode);
    }
}
