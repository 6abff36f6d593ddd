using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using AdversarialSampling.Oracles;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Runs;

/// <summary>One run of <see cref="LabellingEngine.LabelAsync"/>: its state and steps.</summary>
internal sealed class LabellingPass
{
    /// <summary>Metadata key of the oracle-call key written into labelled samples.</summary>
    internal const string OracleKeyMetadataKey = "oracle_key";

    private readonly RunStore _store;
    private readonly IOracle _oracle;
    private readonly OracleIdentity _identity;
    private readonly IReadOnlyList<LabelRequest> _requests;
    private readonly LabellingOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly OracleCallKey[] _keys;
    private readonly LabelOutcome?[] _outcomes;
    private readonly Lock _pauseGate = new();
    private OracleFailure? _pauseReason;
    private volatile bool _stop;
    private int _invocations;

    public LabellingPass(RunStore store, IOracle oracle, IReadOnlyList<LabelRequest> requests, LabellingOptions options, CancellationToken cancellationToken)
    {
        _store = store;
        _oracle = oracle;
        _identity = oracle.Identity ?? throw new ArgumentException("The oracle has no identity.", nameof(oracle));
        _requests = requests;
        _options = options;
        _cancellationToken = cancellationToken;
        _keys = new OracleCallKey[requests.Count];
        _outcomes = new LabelOutcome?[requests.Count];
    }

    public async Task<LabellingResult> RunAsync()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var firstByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var toCall = new List<int>();
        for (int i = 0; i < _requests.Count; i++)
        {
            _keys[i] = OracleCallKey.Compute(_identity, _requests[i].Structure);
        }

        for (int i = 0; i < _requests.Count; i++)
        {
            if (firstByKey.TryGetValue(_keys[i].Value, out int first))
            {
                Finish(new LabelOutcome { RequestIndex = i, Key = _keys[i].Value, Status = LabelStatus.DuplicateOfKey, DuplicateOf = first });
                continue;
            }

            firstByKey.Add(_keys[i].Value, i);
            if (!await TriageAsync(i, toCall).ConfigureAwait(false))
            {
                break;
            }
        }

        await CallAllAsync(toCall).ConfigureAwait(false);
        _cancellationToken.ThrowIfCancellationRequested();
        var outcomes = _outcomes
            .Select((o, i) => o ?? new LabelOutcome { RequestIndex = i, Key = _keys[i].Value, Status = LabelStatus.Pending })
            .ToImmutableArray();
        return new LabellingResult(_pauseReason is null ? LabellingStatus.Completed : LabellingStatus.Paused, outcomes, _pauseReason, _invocations);
    }

    /// <summary>Settles a first-of-its-key request from the store or the geometry gate, or queues it for a call. False when paused.</summary>
    private async Task<bool> TriageAsync(int i, List<int> toCall)
    {
        var key = _keys[i];
        var row = _store.GetOracleCall(key.Value);
        if (row is { Status: OracleCallStatus.Succeeded })
        {
            CheckSameAtoms(row, i);
            var sample = BuildSample(i, row.Energy!.Value, row.Forces.IsEmpty ? [] : key.PerAtomFromCanonical(row.Forces), row.Stress);
            Finish(new LabelOutcome { RequestIndex = i, Key = key.Value, Status = LabelStatus.Reused, Sample = sample });
            return true;
        }

        if (row is { Status: OracleCallStatus.Failed, Failure: { } failure }
            && failure.Kind is not (OracleFailureKind.GeometryRejected or OracleFailureKind.Infrastructure or OracleFailureKind.Cancelled)
            && !_options.RetryStoredFailures.Contains(failure.Kind))
        {
            Finish(new LabelOutcome { RequestIndex = i, Key = key.Value, Status = LabelStatus.Failed, Failure = failure, FailureFromStore = true });
            return true;
        }

        var structure = _requests[i].Structure;
        if (_options.GeometryGate.Check(structure) is { } rejection)
        {
            if (!await CommitAsync(w => w.RecordGeometryRejection(_identity, structure, rejection)).ConfigureAwait(false))
            {
                return false;
            }

            Finish(new LabelOutcome { RequestIndex = i, Key = key.Value, Status = LabelStatus.GateRejected, Failure = rejection });
            return true;
        }

        toCall.Add(i);
        return true;
    }

    private async Task CallAllAsync(List<int> toCall)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrency);
        var running = new List<Task>();
        try
        {
            foreach (int i in toCall)
            {
                await slots.WaitAsync(_cancellationToken).ConfigureAwait(false);

                // WaitAsync can still succeed after cancellation when a release races it: check again.
                if (_stop || _cancellationToken.IsCancellationRequested)
                {
                    slots.Release();
                    break;
                }

                running.Add(Task.Run(() => CallOneAsync(i, slots), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            // Stop launching; the calls in flight see the same token.
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception)
        {
            var errors = running.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
            if (errors.Count == 1)
            {
                ExceptionDispatchInfo.Capture(errors[0]).Throw();
            }

            throw new AggregateException("Several oracle calls failed unexpectedly.", errors);
        }
    }

    private async Task CallOneAsync(int i, SemaphoreSlim slots)
    {
        try
        {
            await CallWithRetriesAsync(i).ConfigureAwait(false);
        }
        catch
        {
            _stop = true;
            throw;
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task CallWithRetriesAsync(int i)
    {
        var structure = _requests[i].Structure;
        var key = _keys[i];
        for (int attempt = 1; ; attempt++)
        {
            if (_cancellationToken.IsCancellationRequested
                || !await CommitAsync(w => w.RecordOracleIntent(_identity, structure)).ConfigureAwait(false))
            {
                return;
            }

            Interlocked.Increment(ref _invocations);
            OracleOutcome outcome;
            try
            {
                var call = _oracle is ICallContextOracle contextual
                    ? contextual.LabelWithContextAsync(structure, Context(key), _cancellationToken)
                    : _oracle.LabelAsync(structure, _cancellationToken);
                outcome = await call.ConfigureAwait(false)
                    ?? OracleOutcome.Failed(OracleFailureKind.Crash, "The oracle returned no outcome (null).");
            }
            catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcome = OracleOutcome.Failed(Classify(e));
            }

            if (outcome.IsSuccess)
            {
                await RecordResultAsync(i, outcome.Sample).ConfigureAwait(false);
                return;
            }

            var failure = outcome.Failure;
            if (failure.Kind == OracleFailureKind.Cancelled && _cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (failure.Kind is not (OracleFailureKind.Infrastructure or OracleFailureKind.Cancelled))
            {
                if (await CommitAsync(w => w.RecordOracleFailure(key, failure)).ConfigureAwait(false))
                {
                    Finish(new LabelOutcome { RequestIndex = i, Key = key.Value, Status = LabelStatus.Failed, Failure = failure });
                }

                return;
            }

            if (!await CommitAsync(w => w.RecordOracleAttemptError(key, failure)).ConfigureAwait(false))
            {
                return;
            }

            if (attempt >= _options.InfrastructureAttempts)
            {
                Pause(failure with
                {
                    Kind = OracleFailureKind.Infrastructure,
                    Message = $"Oracle call {key.Value} still failed after {attempt} attempts: {failure.Message}",
                });
                return;
            }

            if (!await DelayAsync(attempt).ConfigureAwait(false) || _stop)
            {
                return;
            }
        }
    }

    /// <summary>The call's context for <see cref="ICallContextOracle"/>: its key, the job id recorded before, and a recorder.</summary>
    private OracleCallContext Context(OracleCallKey key)
        => new(key, _store.GetOracleCall(key.Value)?.ExternalJobId, id => _store.Write(w => w.SetExternalJobId(key.Value, id)));

    private async Task RecordResultAsync(int i, LabelledSample result)
    {
        var key = _keys[i];
        var structure = _requests[i].Structure;
        OracleFailure? failure = null;
        if (result.Structure.AtomCount != structure.AtomCount || !result.Structure.AtomicNumbers.SequenceEqual(structure.AtomicNumbers))
        {
            failure = new OracleFailure(
                OracleFailureKind.ParseError,
                $"The oracle returned a sample of {result.Structure.AtomCount} atoms ({result.Structure.Formula()}) for a request of {structure.AtomCount} atoms ({structure.Formula()}), or in another atom order.");
        }

        var sample = failure is null ? BuildSample(i, result.Energy, result.Forces, result.Stress) : null;
        failure ??= _options.PhysicsGate.Check(sample!);
        if (failure is null)
        {
            if (await CommitAsync(w => w.RecordOracleSuccess(key, result.Energy, result.Forces, result.Stress)).ConfigureAwait(false))
            {
                Finish(new LabelOutcome { RequestIndex = i, Key = key.Value, Status = LabelStatus.Labelled, Sample = sample });
            }

            return;
        }

        IReadOnlyList<double>? forces = sample is null ? null : result.Forces;
        if (await CommitAsync(w => w.RecordOracleFailure(key, failure, result.Energy, forces)).ConfigureAwait(false))
        {
            Finish(new LabelOutcome { RequestIndex = i, Key = key.Value, Status = LabelStatus.Failed, Failure = failure });
        }
    }

    /// <summary>
    /// Commits one transaction, retrying a failed commit (disk full, I/O error) with backoff. False — and the pass
    /// pauses — when the retries are used up or the pass is cancelled meanwhile; nothing of it is then committed.
    /// </summary>
    private async Task<bool> CommitAsync(Action<RunStoreWriter> write)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                _store.Write(write);
                return true;
            }
            catch (RunStoreException e) when (e is not RunStoreCorruptException)
            {
                if (attempt >= _options.InfrastructureAttempts)
                {
                    Pause(new OracleFailure(OracleFailureKind.Infrastructure, $"The run store could not be written after {attempt} attempts: {e.Message}"));
                    return false;
                }

                if (!await DelayAsync(attempt).ConfigureAwait(false))
                {
                    return false;
                }
            }
        }
    }

    private async Task<bool> DelayAsync(int attempt)
    {
        double factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryBaseDelay.Ticks * factor, _options.RetryMaxDelay.Ticks));
        try
        {
            await Task.Delay(delay, _cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private LabelledSample BuildSample(int i, double energy, IReadOnlyList<double> forces, IReadOnlyList<double> stress)
    {
        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in _requests[i].Provenance ?? ImmutableDictionary<string, object>.Empty)
        {
            metadata[name] = value;
        }

        metadata[AnalyticPotential.OracleMetadataKey] = _identity.Name;
        metadata[AnalyticPotential.OracleVersionMetadataKey] = _identity.Version;
        metadata[OracleKeyMetadataKey] = _keys[i].Value;
        return new LabelledSample(_requests[i].Structure, energy, forces.Count == 0 ? null : forces, stress.Count == 0 ? null : stress, metadata);
    }

    private void CheckSameAtoms(OracleCallRecord row, int i)
    {
        var canonical = _keys[i].ToCanonical(_requests[i].Structure);
        if (!row.Structure.AtomicNumbers.SequenceEqual(canonical.AtomicNumbers))
        {
            throw new RunStoreCorruptException(
                $"The run store '{_store.DatabasePath}' holds oracle call {row.Key} for other atoms ({row.Structure.Formula()}) than request {i} ({canonical.Formula()}).");
        }
    }

    private static OracleFailure Classify(Exception e) => e switch
    {
        IOException or UnauthorizedAccessException => new(OracleFailureKind.Infrastructure, $"The oracle threw {e.GetType().Name}: {e.Message}"),
        TimeoutException => new(OracleFailureKind.Timeout, $"The oracle threw {e.GetType().Name}: {e.Message}"),
        _ => new(OracleFailureKind.Crash, $"The oracle threw {e.GetType().Name}: {e.Message}"),
    };

    private void Pause(OracleFailure reason)
    {
        lock (_pauseGate)
        {
            _pauseReason ??= reason;
            _stop = true;
        }
    }

    private void Finish(LabelOutcome outcome)
    {
        _outcomes[outcome.RequestIndex] = outcome;
        _options.Progress?.Report(outcome);
    }
}
