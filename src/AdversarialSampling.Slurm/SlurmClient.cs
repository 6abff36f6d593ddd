using System.ComponentModel;
using System.Diagnostics;

namespace AdversarialSampling.Slurm;

/// <summary>Runs the SLURM client commands (no shell, arguments verbatim) and parses what they print.</summary>
internal sealed class SlurmClient
{
    /// <summary>The most job names one <c>squeue</c> lists (the comma-separated list stays far below any command-line limit).</summary>
    internal const int MaxNamesPerQuery = 100;

    private readonly SlurmOptions _options;
    private readonly object _queryLock = new();
    private Dictionary<string, List<TaskCompletionSource<(List<SlurmJob>?, SlurmCommandResult)>>> _waiting = new(StringComparer.Ordinal);
    private bool _querying;

    public SlurmClient(SlurmOptions options) => _options = options;

    /// <summary>How long a query waits for other names before it runs: a tenth of the poll interval, at most 250 ms.</summary>
    internal TimeSpan GatherWindow => TimeSpan.FromTicks(Math.Min(_options.PollInterval.Ticks / 10, TimeSpan.FromMilliseconds(250).Ticks));

    /// <summary>Submits a job script: <c>sbatch --parsable --chdir=DIR --output=DIR/slurm-%j.out SCRIPT</c>.</summary>
    /// <returns>The job id, or null with the command's result when it failed.</returns>
    public async Task<(string? JobId, SlurmCommandResult Result)> SubmitAsync(string script, string directory, CancellationToken cancellationToken)
    {
        var result = await RunAsync("sbatch", ["--parsable", "--chdir=" + directory, "--output=" + Path.Combine(directory, "slurm-%j.out"), script], cancellationToken).ConfigureAwait(false);
        return (result.ExitCode == 0 ? SlurmText.ParseSbatch(result.Stdout) : null, result);
    }

    /// <summary>
    /// Every job with this name, finished ones included: <c>squeue -h -t all --name=NAME,… -o FORMAT</c>. Concurrent calls
    /// share queries: a call waits a short gathering window (<see cref="GatherWindow"/>), then one <c>squeue</c> lists the
    /// jobs of every name asked for meanwhile (at most <see cref="MaxNamesPerQuery"/> per query), and names asked for while
    /// a query runs go into the next one. Calls that poll at the same interval and were answered together ask again
    /// together, so N calls in flight cost about one <c>squeue</c> per poll interval instead of N.
    /// </summary>
    /// <param name="name">The job name.</param>
    /// <param name="cancellationToken">Stops this call's wait; the shared query still answers the other calls.</param>
    /// <returns>The jobs with exactly this name, or null with the (shared) result when the command failed.</returns>
    public Task<(List<SlurmJob>? Jobs, SlurmCommandResult Result)> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<(List<SlurmJob>?, SlurmCommandResult)>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_queryLock)
        {
            if (!_waiting.TryGetValue(name, out var list))
            {
                _waiting[name] = list = [];
            }

            list.Add(answer);
            start = !_querying;
            _querying = true;
        }

        if (start)
        {
            _ = Task.Run(QueryWaitingAsync, CancellationToken.None);
        }

        return answer.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs queries until no name is waiting; every waiter gets an answer (or the exception), never silence.</summary>
    private async Task QueryWaitingAsync()
    {
        await Task.Delay(GatherWindow, CancellationToken.None).ConfigureAwait(false);
        while (true)
        {
            Dictionary<string, List<TaskCompletionSource<(List<SlurmJob>?, SlurmCommandResult)>>> batch;
            lock (_queryLock)
            {
                if (_waiting.Count == 0)
                {
                    _querying = false;
                    return;
                }

                batch = _waiting;
                _waiting = new(StringComparer.Ordinal);
            }

            foreach (var chunk in batch.Keys.Order(StringComparer.Ordinal).Chunk(MaxNamesPerQuery))
            {
                try
                {
                    var result = await RunAsync("squeue", ["-h", "-t", "all", "--name=" + string.Join(',', chunk), "-o", SlurmText.SqueueFormat], CancellationToken.None).ConfigureAwait(false);
                    var jobs = result.ExitCode == 0 ? SlurmText.ParseSqueue(result.Stdout) : null;
                    foreach (string name in chunk)
                    {
                        var mine = jobs?.Where(j => j.Name == name).ToList();
                        batch[name].ForEach(a => a.TrySetResult((mine, result)));
                    }
                }
                catch (Exception e)
                {
                    foreach (string name in chunk)
                    {
                        batch[name].ForEach(a => a.TrySetException(e));
                    }
                }
            }
        }
    }

    /// <summary>One job by id: <c>scontrol show job ID -o</c>.</summary>
    /// <returns>The job (null when the id is unknown: purged, forgotten) and the result.</returns>
    public async Task<(SlurmJob? Job, SlurmCommandResult Result)> ShowJobAsync(string id, CancellationToken cancellationToken)
    {
        var result = await RunAsync("scontrol", ["show", "job", id, "-o"], cancellationToken).ConfigureAwait(false);
        return (result.ExitCode == 0 ? SlurmText.ParseScontrol(result.Stdout) : null, result);
    }

    /// <summary>Finished jobs with this name from accounting: <c>sacct -P -n -X --name=NAME --format=…</c>.</summary>
    /// <returns>The jobs, or null when accounting is disabled or the command failed.</returns>
    public async Task<List<SlurmJob>?> AccountingByNameAsync(string name, CancellationToken cancellationToken)
    {
        var result = await RunAsync("sacct", ["-P", "-n", "-X", "-S", "now-30days", "--name=" + name, "--format=" + SlurmText.SacctFormat], cancellationToken).ConfigureAwait(false);
        return result.ExitCode != 0 || SlurmText.IsAccountingDisabled(result.Output) ? null : SlurmText.ParseSacct(result.Stdout);
    }

    /// <summary>Cancels jobs by id: <c>scancel ID…</c> (ids just verified by name and comment: never a possibly reused id alone).</summary>
    /// <returns>The command's result.</returns>
    public Task<SlurmCommandResult> CancelAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
        => RunAsync("scancel", ids, cancellationToken);

    private async Task<SlurmCommandResult> RunAsync(string command, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_options.CommandDirectory is { } dir ? Path.Combine(dir, command) : command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new SlurmCommandResult(127, "", $"{command}: {e.Message} (is this a SLURM submit host? set SlurmOptions.CommandDirectory or PATH)");
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = new CancellationTokenSource(_options.CommandTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                // Exited meanwhile.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new SlurmCommandResult(-1, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }

        return new SlurmCommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
