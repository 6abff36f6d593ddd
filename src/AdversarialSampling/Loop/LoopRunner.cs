using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Loop;

/// <summary>
/// One enumeration of a loop: it owns the open run store (the directory's writer lock) and runs the
/// generation × phase state machine. Every phase commits its result in one transaction and is read back from the
/// store afterwards, so a fresh run and a resumed one continue from identical inputs.
/// </summary>
internal sealed class LoopRunner : IDisposable
{
    private const string InitPhase = "init";
    private const string StoppedPhase = "stopped";

    private readonly ActiveLearningLoop _loop;
    private readonly LoopSettings _s;
    private readonly RunStore _store;
    private readonly ILogger _logger;
    private ICommittee? _committee;
    private int _committeeGeneration = -1;
    private (int Generation, LabellingResult Result)? _labelling;
    private bool _disposed;

    private LoopRunner(ActiveLearningLoop loop, RunStore store)
    {
        _loop = loop;
        _s = loop.Settings;
        _store = store;
        _logger = _s.LoggerFactory.CreateLogger<ActiveLearningLoop>();
    }

    public static async Task<LoopRunner> StartAsync(ActiveLearningLoop loop, bool resume, CancellationToken cancellationToken)
    {
        var s = loop.Settings;
        cancellationToken.ThrowIfCancellationRequested();
        if (await s.Oracle.CheckSetupAsync(cancellationToken).ConfigureAwait(false) is { } setup)
        {
            throw new LoopConfigurationException($"The oracle {s.Oracle.Identity.Name} failed its setup check ({setup.Kind}): {setup.Message}");
        }

        if (!resume && RunStore.HasStore(s.RunDirectory))
        {
            throw new InvalidOperationException(
                $"The run directory '{s.RunDirectory}' already holds a run; call ResumeAsync to continue it, or choose a new directory.");
        }

        _ = loop.Fingerprint; // computed before anything is opened: a setting that cannot be fingerprinted fails here
        var store = RunStore.Open(s.RunDirectory, resume ? RunStoreOpenMode.OpenExisting : RunStoreOpenMode.CreateNew);
        var runner = new LoopRunner(loop, store);
        try
        {
            runner.Initialize();
            return runner;
        }
        catch
        {
            runner.Dispose();
            throw;
        }
    }

    /// <summary>The recorded stop for good, or null.</summary>
    public static LoopStop? ReadStop(RunStore store)
        => store.GetPhases().FirstOrDefault(p => p.Phase == StoppedPhase) is { } stopped && Parse<StopPayload>(stopped.PayloadJson!) is var why
            ? new LoopStop(stopped.Generation, why.Reason, why.Message)
            : null;

    public static IReadOnlyList<GenerationReport> ReadReports(RunStore store)
        => [.. store.GetPhases().Where(p => p.Phase == Name(LoopPhase.Report) && p.PayloadJson is not null).Select(p => GenerationReport.FromJson(p.PayloadJson!))];

    public async IAsyncEnumerable<GenerationReport> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (int g = 0; g <= _s.Generations; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_store.IsPhaseComplete(g, Name(LoopPhase.Report)))
            {
                Skipped(g, LoopPhase.Report);
                continue;
            }

            var report = await RunGenerationAsync(g, cancellationToken).ConfigureAwait(false);
            yield return report;
            if (report.StopReason == LoopStopReason.FailureRatioExceeded)
            {
                yield break;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseCommittee();
        _store.Dispose();
    }

    private static string Name(LoopPhase phase) => phase.ToString().ToLowerInvariant();

    private static T Parse<T>(string json) => JsonSerializer.Deserialize<T>(json, LoopJson.Options)
        ?? throw new RunStoreCorruptException($"A loop phase payload is null: {json}");

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, LoopJson.Compact);

    private static void DisposeCommittee(ICommittee? committee) => (committee as IDisposable)?.Dispose();

    private void Initialize()
    {
        var run = _store.GetRun();
        if (run is null)
        {
            // A new run, or one whose creation was interrupted before its start record (nothing else is committed then).
            _store.Write(w => w.InitializeRun(_loop.Fingerprint, _s.Seed));
            LoopLog.RunStarted(_logger, _s.RunDirectory, _s.Generations, _s.Seed);
            _loop.AfterPhaseCommitted?.Invoke(0, InitPhase);
            return;
        }

        var differences = LoopFingerprint.Differences(run.ConfigJson, _loop.Fingerprint);
        if (differences.Count > 0)
        {
            throw new LoopConfigurationException(
                differences.Prepend($"The loop's configuration differs from the one the run in '{_s.RunDirectory}' started with; resume it with the same settings, or start a new run."));
        }

        if (ReadStop(_store) is { } stop)
        {
            throw new RunStoppedException($"The run in '{_s.RunDirectory}' stopped for good at generation {stop.Generation}: {stop.Message}");
        }

        int committed = _store.GetPhases().Count;
        LoopLog.RunResumed(_logger, _s.RunDirectory, committed);
    }

    private async Task<GenerationReport> RunGenerationAsync(int g, CancellationToken ct)
    {
        ExplorePayload? explore = null;
        SelectPayload? select = null;
        LabelPayload? label = null;
        if (g > 0)
        {
            explore = await PhaseAsync<ExplorePayload>(g, LoopPhase.Explore, sw => Explore(g, sw, ct), ct).ConfigureAwait(false);
            select = await PhaseAsync<SelectPayload>(g, LoopPhase.Select, sw => Select(g, explore, sw, ct), ct).ConfigureAwait(false);
            label = await PhaseAsync<LabelPayload>(g, LoopPhase.Label, sw => LabelAsync(g, sw, ct), ct).ConfigureAwait(false);
        }

        var merge = await PhaseAsync<MergePayload>(g, LoopPhase.Merge, sw => Merge(g, sw, ct), ct).ConfigureAwait(false);
        TrainPayload? train = null;
        EvaluatePayload? evaluate = null;
        if (label is not { Exceeded: true })
        {
            train = await PhaseAsync<TrainPayload>(g, LoopPhase.Train, sw => Train(g, sw, ct), ct).ConfigureAwait(false);
            evaluate = await PhaseAsync<EvaluatePayload>(g, LoopPhase.Evaluate, sw => Evaluate(g, sw, ct), ct).ConfigureAwait(false);
        }

        try
        {
            return Report(g, explore, select, label, merge, train, evaluate);
        }
        catch (Exception e) when (IsInfrastructure(e))
        {
            throw Paused(g, Name(LoopPhase.Report), e);
        }
    }

    /// <summary>A commit or file write that failed for a reason outside the run (disk full, I/O error), not a damaged store.</summary>
    internal static bool IsInfrastructure(Exception e)
        => e is IOException || (e is RunStoreException { InnerException: SqliteException } and not RunStoreCorruptException);

    /// <summary>The pause for a phase whose commit failed (<see cref="IsInfrastructure"/>): nothing of it is committed.</summary>
    private RunPausedException Paused(int g, string phase, Exception e)
    {
        var reason = new OracleFailure(OracleFailureKind.Infrastructure, $"the {phase} phase could not be committed: {e.Message}");
        LoopLog.Paused(_logger, g, reason.Message);
        return new RunPausedException(g, reason, _s.RunDirectory, e);
    }

    /// <summary>Runs a phase unless it is committed; either way returns its payload as read back from the store.</summary>
    private async Task<T> PhaseAsync<T>(int g, LoopPhase phase, Func<Stopwatch, Task> run, CancellationToken ct)
    {
        string name = Name(phase);
        ct.ThrowIfCancellationRequested();
        if (!_store.IsPhaseComplete(g, name))
        {
            LoopLog.PhaseStarted(_logger, g, phase);
            _s.Progress?.Report(new LoopProgress(g, phase, LoopProgressKind.Started));
            var sw = Stopwatch.StartNew();
            try
            {
                await run(sw).ConfigureAwait(false);
            }
            catch (Exception e) when (IsInfrastructure(e))
            {
                // Infrastructure: a commit or checkpoint write failed (disk full, I/O error). Nothing of the phase is committed.
                throw Paused(g, name, e);
            }

            LoopLog.PhaseCompleted(_logger, g, phase, sw.Elapsed.TotalSeconds);
            _s.Progress?.Report(new LoopProgress(g, phase, LoopProgressKind.Completed));
            _loop.AfterPhaseCommitted?.Invoke(g, name);
        }
        else
        {
            Skipped(g, phase);
        }

        return Parse<T>(_store.GetPhase(g, name)!.PayloadJson!);
    }

    private Task Commit<T>(int g, LoopPhase phase, T payload, Action<RunStoreWriter>? with = null)
    {
        string json = Json(payload);
        _store.Write(w =>
        {
            with?.Invoke(w);
            w.CompletePhase(g, Name(phase), json);
        });
        return Task.CompletedTask;
    }

    private void Skipped(int g, LoopPhase phase)
    {
        LoopLog.PhaseSkipped(_logger, g, phase);
        _s.Progress?.Report(new LoopProgress(g, phase, LoopProgressKind.Skipped));
    }

    private LoopDataset DatasetOf(int g) => LoopDataset.Load(_store, g, _s.Retraining);

    // ---- committees ---------------------------------------------------------------------------------------------

    /// <summary>The trained committee of generation g: in memory, from its verified checkpoint, or retrained (factory committees).</summary>
    private ICommittee CommitteeOf(int g, CancellationToken ct)
    {
        if (_committeeGeneration == g && _committee is not null)
        {
            return _committee;
        }

        ReleaseCommittee();
        ICommittee committee;
        if (LoopCheckpoints.Exists(_store, g))
        {
            committee = LoopCheckpoints.Load(_store, g, _s.LoggerFactory);
            LoopLog.CheckpointLoaded(_logger, g);
        }
        else
        {
            committee = TrainCommittee(g, ct).Committee;
            LoopLog.CommitteeRetrained(_logger, g);
        }

        SetCommittee(g, committee);
        return committee;
    }

    private void SetCommittee(int g, ICommittee committee)
    {
        if (!ReferenceEquals(committee, _committee))
        {
            ReleaseCommittee();
        }

        _committee = committee;
        _committeeGeneration = g;
    }

    private void ReleaseCommittee()
    {
        DisposeCommittee(_committee);
        _committee = null;
        _committeeGeneration = -1;
    }

    private (ICommittee Committee, CommitteeTrainingResult Result, LoopDataset Data, int Seed) TrainCommittee(int g, CancellationToken ct)
    {
        var data = DatasetOf(g);
        int seed = LoopSeeds.Derive(_s.Seed, g, LoopSeeds.Committee);
        ICommittee committee;
        bool warmStart = _s.Retraining.Mode == RetrainingMode.WarmStart && g > 0;
        if (warmStart)
        {
            committee = CommitteeOf(g - 1, ct);
            _committee = null; // ownership moves to the new generation
            _committeeGeneration = -1;
        }
        else
        {
            committee = _s.Spec is not null
                ? new TorchCommittee(_s.Spec, _s.CommitteeOptions! with { Seed = seed }, _s.LoggerFactory)
                : _s.CommitteeFactory!(seed);
        }

        var torchCommittee = committee as TorchCommittee;
        if (torchCommittee is not null && _s.TrainingCheckpointInterval != Timeout.InfiniteTimeSpan)
        {
            torchCommittee.TrainingStateStore = new LoopTrainingState(_store, g, _s.TrainingCheckpointInterval, _logger);
        }

        try
        {
            _loop.BeforeTraining?.Invoke(g, committee);
            var result = _s.Retraining.LossWeighting is { } weighting
                ? (committee as TorchCommittee ?? throw new InvalidOperationException($"Retraining.LossWeighting needs a TorchCommittee; the committee is {committee.GetType().Name}."))
                    .TrainWeighted(data.ReplicatedTraining, data.Validation, s => weighting.WeightOf(s.Energy, data.InitialMinimum), null, ct)
                : committee.Train(data.ReplicatedTraining, data.Validation, null, ct);
            if (result.Diverged && result.Epochs == 0 && !warmStart)
            {
                // Untrained initial weights (a warm start would hold the previous generation's): exploring with them
                // would pay the oracle for the geometries a random network proposes. Training is deterministic, so a
                // resume would diverge again: the run stops for good, and status and resume say why.
                var failure = new CommitteeTrainingFailedException(g, result.Rollbacks, _s.CommitteeOptions?.Training.LearningRate, _s.RunDirectory);
                _store.Write(w => w.CompletePhase(g, StoppedPhase, Json(new StopPayload(LoopStopReason.TrainingFailed, failure.Message))));
                LoopLog.RunStopped(_logger, g, failure.Message);
                throw failure;
            }

            if (result.Diverged)
            {
                LoopLog.TrainingDiverged(_logger, g, result.Rollbacks);
            }

            return (committee, result, data, seed);
        }
        catch
        {
            DisposeCommittee(committee);
            throw;
        }
        finally
        {
            if (torchCommittee is not null)
            {
                torchCommittee.TrainingStateStore = null;
            }
        }
    }

    // ---- phases --------------------------------------------------------------------------------------------------

    private Task Explore(int g, Stopwatch sw, CancellationToken ct)
    {
        var committee = CommitteeOf(g - 1, ct);
        var data = DatasetOf(g - 1);
        var training = data.TrainingSamples;
        var picked = LoopMath.PickSeeds(_s.SeedPolicy, [.. training.Select(t => t.Energy)], [.. data.Training.Select(e => e.Replication)], LoopSeeds.Derive(_s.Seed, g, LoopSeeds.SeedSample));
        List<AtomicStructure> seeds = [.. picked.Select(i => training[i].Structure)];
        var candidates = new List<ExploreCandidate>();
        for (int e = 0; e < _s.Explorers.Length && seeds.Count > 0; e++)
        {
            var outcomes = _s.Explorers[e].Attack.Attack(committee, seeds, new AttackContext(training, LoopSeeds.Derive(_s.Seed, g, LoopSeeds.Explore(e))), ct);
            candidates.AddRange(outcomes.Select(o => new ExploreCandidate
            {
                Explorer = e,
                SeedIndex = picked[o.SeedIndex],
                Start = o.Start,
                Xyz = StoreText.StructureToXyz(o.Structure),
                AttackUncertainty = o.UncertaintyAfter,
                PredictedEnergy = o.PredictedEnergy,
                Exit = o.ExitReason,
                Steps = o.Steps,
            }));
        }

        double? seedsMedian = seeds.Count == 0 ? null : LoopMath.Median(_s.Metric.EvaluateAll(committee.Predict(seeds, ct)));
        return Commit(g, LoopPhase.Explore, new ExplorePayload { Candidates = candidates, Seeds = seeds.Count, SeedsMedian = seedsMedian, Elapsed = sw.Elapsed });
    }

    /// <summary>The metric's value per candidate, or with <see cref="SelectionOptions.PerComponentForceThreshold"/> its smallest free-component force variance.</summary>
    private ImmutableArray<double> CandidateScores(CommitteePrediction predictions, List<AtomicStructure> structures)
        => _s.Selection.PerComponentForceThreshold
            ? [.. predictions.Structures.Select((p, i) => FreeComponentVariances(p, structures[i]).Min())]
            : _s.Metric.EvaluateAll(predictions);

    /// <summary>One structure's free force-component variances (eV²/Å²) for <see cref="SelectionOptions.PerComponentForceThreshold"/>, whose metric the builder requires to be <see cref="ForceVariance"/>.</summary>
    private double[] FreeComponentVariances(StructurePrediction prediction, AtomicStructure structure)
        => ((ForceVariance)_s.Metric).FreeComponents(prediction, structure.FrozenMask());

    private Task Select(int g, ExplorePayload explore, Stopwatch sw, CancellationToken ct)
    {
        var committee = CommitteeOf(g - 1, ct);
        var previous = Parse<EvaluatePayload>(_store.GetPhase(g - 1, Name(LoopPhase.Evaluate))!.PayloadJson!);
        var structures = explore.Candidates.Select((c, i) => StoreText.XyzToStructure(c.Xyz, $"candidate {i} of generation {g}")).ToList();
        var scores = structures.Count == 0 ? [] : CandidateScores(committee.Predict(structures, ct), structures);
        var known = DatasetOf(g - 1).Entries.Select(e => e.Sample.Structure).ToList();
        var caps = LoopMath.SplitCap(_s.Selection.Cap, [.. _s.Explorers.Select(x => x.Share)]);
        var threshold = new UncertaintyThreshold(previous.NextThreshold ?? double.NegativeInfinity, _s.Metric.Unit);
        var records = new List<CandidateRecord>();
        var byReason = Enum.GetValues<DecisionReason>().ToDictionary(r => r, _ => 0);
        var byExplorer = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var acceptedScores = new List<double>();
        for (int e = 0; e < _s.Explorers.Length; e++)
        {
            var indices = Enumerable.Range(0, structures.Count).Where(i => explore.Candidates[i].Explorer == e).ToList();
            string label = _s.Explorers[e].Label(e);
            byExplorer[label] = indices.Count;
            var options = _s.Selection with { Threshold = threshold, Cap = caps[e], Seed = LoopSeeds.Derive(_s.Seed, g, LoopSeeds.Select(e)) };
            var result = new CandidateSelector(options).Select(
                [.. indices.Select(i => (SelectionCandidate?)new SelectionCandidate(structures[i], scores[i], string.Create(CultureInfo.InvariantCulture, $"candidate {i}")))],
                _s.Metric.Unit,
                known);
            foreach (var d in result.Decisions)
            {
                int i = indices[d.Index];
                var c = explore.Candidates[i];
                byReason[d.Reason]++;
                var provenance = new CandidateProvenance
                {
                    Explorer = label,
                    SeedIndex = c.SeedIndex,
                    Start = c.Start,
                    AttackExit = c.Exit,
                    AttackSteps = c.Steps,
                    PredictedEnergy = c.PredictedEnergy,
                };
                records.Add(new CandidateRecord
                {
                    Generation = g,
                    Index = i,
                    Structure = structures[i],
                    ProvenanceJson = Json(provenance),
                    Score = scores[i],
                    Decision = d.Reason.ToString(),
                    Reason = d.Explanation,
                });
                if (d.IsAccepted)
                {
                    acceptedScores.Add(scores[i]);
                }
            }

            known.AddRange(result.Accepted.Select(a => a.Structure));
        }

        var finite = scores.Where(double.IsFinite).ToList();
        var payload = new SelectPayload
        {
            ByReason = byReason.ToImmutableSortedDictionary(),
            ByExplorer = byExplorer.ToImmutableSortedDictionary(StringComparer.Ordinal),
            Threshold = previous.NextThreshold,
            ThresholdSource = previous.NextThresholdSource,
            CandidatesMedian = LoopMath.Median(finite),
            CandidatesMax = finite.Count == 0 ? null : finite.Max(),
            AcceptedMedian = LoopMath.Median(acceptedScores),
            Accepted = acceptedScores.Count,
            Elapsed = sw.Elapsed,
        };
        records.Sort((a, b) => a.Index.CompareTo(b.Index));
        return Commit(g, LoopPhase.Select, payload, w => w.AddCandidates(records));
    }

    private async Task LabelAsync(int g, Stopwatch sw, CancellationToken ct)
    {
        var (accepted, requests) = LabelRequests(g);
        int done = 0;
        var progress = _s.Progress is null ? null : new InlineProgress<LabelOutcome>(o =>
            _s.Progress.Report(new LoopProgress(g, LoopPhase.Label, LoopProgressKind.Labelled, Interlocked.Increment(ref done), requests.Count, o.Status.ToString())));
        var result = await Label(requests, progress, ct).ConfigureAwait(false);
        if (result.Status == LabellingStatus.Paused)
        {
            LoopLog.Paused(_logger, g, result.PauseReason!.Message);
            throw new RunPausedException(g, result.PauseReason, _s.RunDirectory);
        }

        _labelling = (g, result);
        var payload = new LabelPayload
        {
            Outcomes = result.CountsByStatus,
            Failures = result.FailuresByKind,
            FailureRatio = result.FailureRatio,
            Exceeded = result.FailureRatio > _s.MaxFailureRatio,
            Elapsed = sw.Elapsed,
        };
        await Commit(g, LoopPhase.Label, payload, w =>
        {
            foreach (var o in result.Outcomes)
            {
                string? message = o.Failure?.Message ?? (o.DuplicateOf is int d ? string.Create(CultureInfo.InvariantCulture, $"same oracle-call key as accepted candidate {accepted[d].Index}") : null);
                w.SetCandidateLabel(g, accepted[o.RequestIndex].Index, o.Status, o.Key, o.Failure?.Kind, message);
            }
        }).ConfigureAwait(false);
    }

    private (List<CandidateRecord> Accepted, List<LabelRequest> Requests) LabelRequests(int g)
    {
        var accepted = _store.GetCandidates(g).Where(c => c.Decision == nameof(DecisionReason.Accepted)).ToList();
        var requests = accepted
            .Select(c => new LabelRequest(c.Structure, Parse<CandidateProvenance>(c.ProvenanceJson).ToMetadata(g, c.Index, c.Score)))
            .ToList();
        return (accepted, requests);
    }

    private Task<LabellingResult> Label(List<LabelRequest> requests, IProgress<LabelOutcome>? progress, CancellationToken ct)
    {
        var o = _s.Labelling;
        var options = new LabellingOptions
        {
            MaxConcurrency = o.MaxConcurrency,
            GeometryGate = o.GeometryGate,
            PhysicsGate = o.PhysicsGate,
            InfrastructureAttempts = o.InfrastructureAttempts,
            RetryBaseDelay = o.RetryBaseDelay,
            RetryMaxDelay = o.RetryMaxDelay,
            Progress = progress,
        };
        return new LabellingEngine(_store).LabelAsync(_s.Oracle, requests, options, ct);
    }

    private async Task Merge(int g, Stopwatch sw, CancellationToken ct)
    {
        if (g == 0)
        {
            var initial = LoopDataset.SplitInitial(_s.InitialData, _s.Retraining, LoopSeeds.Derive(_s.Seed, 0, LoopSeeds.Split));
            await Commit(g, LoopPhase.Merge, new MergePayload { DatasetSize = initial.Count, Elapsed = sw.Elapsed }, w => w.AddDatasetEntries(0, initial)).ConfigureAwait(false);
            return;
        }

        var (accepted, requests) = LabelRequests(g);

        // After a resume the labels are read back through the engine: every key has a recorded outcome, so nothing is paid.
        var result = _labelling is { } cached && cached.Generation == g ? cached.Result : await Label(requests, null, ct).ConfigureAwait(false);
        if (result.Status != LabellingStatus.Completed)
        {
            throw new RunStoreCorruptException($"The run store '{_store.DatabasePath}' records generation {g}'s labelling as complete, but some of its keys have no outcome.");
        }

        var previous = _store.LoadDatasetEntries(g - 1);
        var keys = previous.Where(e => e.OracleKey is not null).Select(e => e.OracleKey!).ToHashSet(StringComparer.Ordinal);
        var added = result.Outcomes
            .Where(o => o.Sample is not null && keys.Add(o.Key))
            .Select(o =>
            {
                bool heldOut = LoopMath.HeldOutForValidation(o.Key, _s.Seed, _s.Retraining.NewLabelValidationFraction);
                return new DatasetEntry(
                    o.Sample!,
                    heldOut ? LoopDataset.OriginAdversarialValidation : LoopDataset.OriginAdversarial,
                    heldOut ? 1 : _s.Retraining.ReplicationWeight,
                    o.Key,
                    g,
                    accepted[o.RequestIndex].Index);
            })
            .ToList();
        var entries = previous.Concat(added).ToList();
        await Commit(g, LoopPhase.Merge, new MergePayload { LabelsAdded = added.Count, DatasetSize = entries.Count, Elapsed = sw.Elapsed }, w => w.AddDatasetEntries(g, entries))
            .ConfigureAwait(false);
        _labelling = null;
    }

    private Task Train(int g, Stopwatch sw, CancellationToken ct)
    {
        var (committee, result, data, seed) = TrainCommittee(g, ct);
        SetCommittee(g, committee);
        if (data.Excluded > 0)
        {
            LoopLog.ExcludedByCeiling(_logger, g, data.Excluded, data.Ceiling);
        }

        int epochLimit = _s.CommitteeOptions?.Training.Epochs ?? result.Epochs;
        if (LoopMath.KeptEarlyWeights(result.BestEpoch, epochLimit, data.Validation.Count) is { } median)
        {
            LoopLog.EarlyBestEpochs(_logger, g, median, epochLimit, data.Validation.Count);
        }

        var payload = new TrainPayload
        {
            CommitteeSeed = seed,
            TrainingSize = data.ReplicatedTraining.Count,
            ValidationSize = data.Validation.Count,
            Excluded = data.Excluded,
            Epochs = result.Epochs,
            BestEpochs = result.BestEpoch.IsDefault ? [] : result.BestEpoch,
            Diverged = result.Diverged,
            Checkpointed = committee is TorchCommittee,
            Elapsed = sw.Elapsed,
        };
        if (committee is TorchCommittee torch)
        {
            string json = Json(payload);
            LoopCheckpoints.Save(_store, g, torch, w =>
            {
                w.CompletePhase(g, Name(LoopPhase.Train), json);
                LoopTrainingState.Forget(w, g);
            });
            LoopTrainingState.DeleteFile(_store, g);
            return Task.CompletedTask;
        }

        return Commit(g, LoopPhase.Train, payload);
    }

    private Task Evaluate(int g, Stopwatch sw, CancellationToken ct)
    {
        var committee = CommitteeOf(g, ct);
        var data = DatasetOf(g);
        var training = data.TrainingSamples;
        var predictions = training.Count == 0 ? null : committee.Predict([.. training.Select(t => t.Structure)], ct);
        var scores = predictions is null ? [] : _s.Metric.EvaluateAll(predictions);
        double? next;
        string source;
        if (_s.Selection.Threshold is { } explicitThreshold)
        {
            next = explicitThreshold.Value;
            source = "explicit threshold";
        }
        else
        {
            // The threshold population: each training structure's score or, with PerComponentForceThreshold (the paper code's
            // UncertaintyPercentile), its free force-component variances; with PercentileOverReplicatedTraining repeated as
            // often as the committee trains on the structure (TrainingSamples keeps Training's order).
            bool perComponent = _s.Selection.PerComponentForceThreshold;
            bool replicate = _s.Selection.PercentileOverReplicatedTraining;
            double[] population = [.. Enumerable.Range(0, scores.Length).SelectMany(i =>
            {
                IEnumerable<double> values = perComponent ? FreeComponentVariances(predictions!.Structures[i], training[i].Structure) : [scores[i]];
                return replicate ? Enumerable.Repeat(values, data.Training[i].Replication).SelectMany(v => v) : values;
            })];
            next = population.Length == 0 ? null : Percentile.Linear(population, _s.Selection.Percentile);
            string counted = (perComponent, replicate) switch
            {
                (true, _) => string.Create(CultureInfo.InvariantCulture, $"{population.Length} free force-component variances of {scores.Length} training structures{(replicate ? " counted as replicated" : "")}"),
                (false, true) => string.Create(CultureInfo.InvariantCulture, $"{scores.Length} training values counted as replicated ({population.Length} in all)"),
                _ => string.Create(CultureInfo.InvariantCulture, $"{scores.Length} training values"),
            };
            source = string.Create(CultureInfo.InvariantCulture, $"{_s.Selection.Percentile:G6}th percentile of {counted} under the committee of generation {g}");
        }

        var payload = new EvaluatePayload
        {
            Validation = LoopMath.Errors(committee, data.Validation, ct),
            Test = LoopMath.Errors(committee, data.Test, ct),
            TrainingMedian = LoopMath.Median(scores),
            NextThreshold = next,
            NextThresholdSource = source,
            Elapsed = sw.Elapsed,
        };
        return Commit(g, LoopPhase.Evaluate, payload);
    }

    private GenerationReport Report(
        int g, ExplorePayload? explore, SelectPayload? select, LabelPayload? label, MergePayload merge, TrainPayload? train, EvaluatePayload? evaluate)
    {
        var stop = LoopStopReason.None;
        string? message = null;
        if (label is { Exceeded: true })
        {
            stop = LoopStopReason.FailureRatioExceeded;
            int bad = label.Failures.Values.Sum();
            message = string.Create(
                CultureInfo.InvariantCulture,
                $"generation {g}: {bad} label request(s) failed or were rejected, a failure ratio of {label.FailureRatio:0.###} above MaxFailureRatio {_s.MaxFailureRatio:0.###} (by kind: {string.Join(", ", label.Failures.Select(kv => $"{kv.Key} {kv.Value}"))}). Its {merge.LabelsAdded} good label(s) were merged and the committee was not retrained. Inspect the failures recorded in the run store, fix the oracle or the gates, and start a new run.");
        }
        else if (g == _s.Generations)
        {
            stop = LoopStopReason.Completed;
        }

        var timings = new SortedDictionary<LoopPhase, TimeSpan>();
        void Time(LoopPhase phase, TimeSpan? elapsed)
        {
            if (elapsed is TimeSpan t)
            {
                timings[phase] = t;
            }
        }

        Time(LoopPhase.Explore, explore?.Elapsed);
        Time(LoopPhase.Select, select?.Elapsed);
        Time(LoopPhase.Label, label?.Elapsed);
        Time(LoopPhase.Merge, merge.Elapsed);
        Time(LoopPhase.Train, train?.Elapsed);
        Time(LoopPhase.Evaluate, evaluate?.Elapsed);
        var report = new GenerationReport
        {
            Generation = g,
            StopReason = stop,
            StopMessage = message,
            LabelsAdded = merge.LabelsAdded,
            DatasetSize = merge.DatasetSize,
            TrainingSize = train?.TrainingSize ?? 0,
            ValidationSize = train?.ValidationSize ?? 0,
            ExcludedByEnergyCeiling = train?.Excluded ?? DatasetOf(g).Excluded,
            TrainingEpochs = train?.Epochs ?? 0,
            BestEpochs = train is null || train.BestEpochs.IsDefault ? [] : train.BestEpochs,
            CandidatesByExplorer = select?.ByExplorer ?? ImmutableSortedDictionaryOfExplorers(),
            CandidatesByReason = select?.ByReason ?? Enum.GetValues<DecisionReason>().ToImmutableSortedDictionary(r => r, _ => 0),
            CandidateExits = CandidatesPerExplorer(explore, group => group.GroupBy(c => c.Exit).ToImmutableSortedDictionary(x => x.Key, x => x.Count())),
            CandidateStepsMedian = CandidatesPerExplorer(explore, group => LoopMath.Median([.. group.Select(c => (double)c.Steps)]) ?? 0),
            LabelOutcomes = label?.Outcomes ?? Enum.GetValues<LabelStatus>().ToImmutableSortedDictionary(s => s, _ => 0),
            FailuresByKind = label?.Failures ?? ImmutableSortedDictionary<OracleFailureKind, int>.Empty,
            FailureRatio = label?.FailureRatio ?? 0,
            PhaseTimings = timings.ToImmutableSortedDictionary(),
            Validation = evaluate?.Validation,
            Test = evaluate?.Test,
            Uncertainty = new UncertaintyStatistics
            {
                Metric = _s.Metric.Name,
                Unit = _s.Metric.Unit,
                Threshold = select?.Threshold,
                ThresholdSource = select?.ThresholdSource,
                SeedsMedian = explore?.SeedsMedian,
                CandidatesMedian = select?.CandidatesMedian,
                CandidatesMax = select?.CandidatesMax,
                AcceptedMedian = select?.AcceptedMedian,
                TrainingMedian = evaluate?.TrainingMedian,
                NextThreshold = evaluate?.NextThreshold,
            },
            DatasetHash = _store.DatasetHash(g),
        };
        _s.Progress?.Report(new LoopProgress(g, LoopPhase.Report, LoopProgressKind.Started));
        string json = report.ToJson();
        new CheckpointFiles(_store).WriteGenerationExports(g, _store.LoadDataset(g), json, w =>
        {
            w.CompletePhase(g, Name(LoopPhase.Report), json);
            if (stop == LoopStopReason.FailureRatioExceeded)
            {
                w.CompletePhase(g, StoppedPhase, Json(new StopPayload(stop, message!)));
            }
        });
        if (message is not null)
        {
            LoopLog.RunStopped(_logger, g, message);
        }

        LoopLog.GenerationReported(_logger, g, report.LabelsAdded, report.DatasetSize, report.Validation?.EnergyRmse ?? double.NaN, report.Validation?.ForceRmse ?? double.NaN);
        _s.Progress?.Report(new LoopProgress(g, LoopPhase.Report, LoopProgressKind.Completed));
        _loop.AfterPhaseCommitted?.Invoke(g, Name(LoopPhase.Report));
        return GenerationReport.FromJson(json);
    }

    private ImmutableSortedDictionary<string, T> CandidatesPerExplorer<T>(ExplorePayload? explore, Func<IGrouping<int, ExploreCandidate>, T> summary)
        => (explore?.Candidates ?? [])
            .GroupBy(c => c.Explorer)
            .ToImmutableSortedDictionary(group => _s.Explorers[group.Key].Label(group.Key), summary, StringComparer.Ordinal);

    private ImmutableSortedDictionary<string, int> ImmutableSortedDictionaryOfExplorers()
        => _s.Explorers.Select((x, i) => x.Label(i)).ToImmutableSortedDictionary(l => l, _ => 0, StringComparer.Ordinal);
}
