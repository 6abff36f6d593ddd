using System.Diagnostics;
using System.Globalization;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace AdversarialSampling.Committees;

/// <summary>
/// Trains every member of an <see cref="ICommitteeModel"/> on the same data. The loss is the sum over
/// members of w_E·MSE(E) + w_F·MSE(F); members have disjoint parameters and Adam is elementwise, so this
/// equals training each member independently with a shared minibatch order — except that the learning-rate
/// schedule is one for the committee, driven by the summed validation loss. Each member keeps its own
/// best-validation weights (when the model reports <see cref="ICommitteeModel.ParameterOwnership"/>; else
/// the committee's best epoch). A non-finite loss or weight rolls back to the last good epoch and halves the
/// learning rate.
/// </summary>
internal sealed class CommitteeTrainer
{
    private readonly ICommitteeModel _model;
    private readonly string _kind;
    private readonly CommitteeOptions _options;
    private readonly TrainingOptions _training;
    private readonly int _seed;
    private readonly ILogger _logger;

    public CommitteeTrainer(ICommitteeModel model, string kind, CommitteeOptions options, int seed, ILogger logger)
    {
        _model = model;
        _kind = kind;
        _options = options;
        _training = options.Training;
        _seed = seed;
        _logger = logger;
    }

    /// <summary>Test hook: called before each epoch attempt with the one-based epoch (e.g. to inject a NaN weight).</summary>
    public Action<int, ICommitteeModel>? BeforeEpoch { get; init; }

    /// <summary>
    /// Where the training state is saved between epochs and found again after an interruption (null: not saved). A saved
    /// state of this very training (<see cref="TrainingState.ContextOf"/>) is continued from; any other is ignored.
    /// </summary>
    public ITrainingStateStore? StateStore { get; init; }

    /// <summary>Trains, with optional per-sample loss weights (null: unweighted; see <see cref="TorchCommittee.TrainWeighted"/>).</summary>
    public CommitteeTrainingResult Run(Dataset training, Dataset validation, Func<LabelledSample, double>? sampleWeight, IProgress<CommitteeTrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var trainingWeights = NormalizedWeights(training, sampleWeight, nameof(training));
        var validationWeights = validation.Count == 0 ? null : NormalizedWeights(validation, sampleWeight, nameof(validation));
        var clock = Stopwatch.StartNew();
        int members = _model.MemberCount;
        CommitteeLog.TrainingStarted(_logger, members, _kind, training.Count, validation.Count, _training.Epochs, _training.BatchSize, _training.LearningRate);
        _model.FitNormalization(training);
        _model.SetTrainable(true);
        var ownership = _model.ParameterOwnership();
        bool perMember = ownership is not null;
        var parameters = ownership ?? [.. _model.Parameters().Select(p => new CommitteeParameter(p, -1))];
        using var lastGood = new ParameterSnapshot(parameters);
        using var best = new ParameterSnapshot(parameters);
        double lr = _training.LearningRate;
        var optimizer = NewOptimizer(parameters, lr);
        var rng = new Random(_seed);
        int[] order = [.. Enumerable.Range(0, training.Count)];
        var bestLoss = Enumerable.Repeat(double.PositiveInfinity, members).ToArray();
        var bestEpoch = new int[members];
        double plateauBest = double.PositiveInfinity;
        int plateauCount = 0, sinceImprovement = 0, rollbacks = 0, epoch = 0, attempts = 0;
        bool stoppedEarly = false, diverged = false;
        var elapsedBefore = TimeSpan.Zero;
        string? context = StateStore is null ? null : TrainingState.ContextOf(_kind, members, _seed, _options, parameters, training, trainingWeights, validation, validationWeights);
        if (context is not null && LoadState(context, members, parameters) is { } state)
        {
            (epoch, attempts, rollbacks, lr) = (state.Epoch, state.Attempts, state.Rollbacks, state.LearningRate);
            (plateauBest, plateauCount, sinceImprovement, elapsedBefore) = (state.PlateauBest, state.PlateauCount, state.SinceImprovement, state.Elapsed);
            state.BestLoss.CopyTo(bestLoss, 0);
            state.BestEpoch.CopyTo(bestEpoch, 0);
            for (int i = 0; i < parameters.Count; i++)
            {
                var p = state.Parameters[i];
                TrainingState.CopyInto(parameters[i].Parameter, p.Current);
                best.Load(i, p.Best);
                optimizer.Restore(i, p.AdamAverage, p.AdamAverageSquare, p.AdamSteps);
            }

            optimizer.LearningRate = lr;
            lastGood.Capture();
            for (int k = 0; k < attempts; k++)
            {
                Shuffle(order, rng); // the generator and the order as they were after that many epoch attempts
            }

            CommitteeLog.TrainingResumed(_logger, epoch, rollbacks, lr);
        }

        var sinceSave = Stopwatch.StartNew();
        try
        {
            while (epoch < _training.Epochs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Shuffle(order, rng);
                attempts++;
                BeforeEpoch?.Invoke(epoch + 1, _model);
                var trainLoss = RunEpoch(training, trainingWeights, order, optimizer, parameters, members, cancellationToken);
                string? failure = trainLoss is null ? "training loss" : AllFinite(parameters) ? null : "weights";
                double[]? valLoss = null;
                if (trainLoss is not null && failure is null)
                {
                    valLoss = validation.Count > 0 ? Evaluate(validation, validationWeights, members, cancellationToken) : trainLoss;
                    failure = valLoss.All(double.IsFinite) ? null : "validation loss";
                }

                if (failure is not null || trainLoss is null || valLoss is null)
                {
                    rollbacks++;
                    lastGood.Restore();
                    lr *= 0.5;
                    optimizer.Dispose();
                    optimizer = NewOptimizer(parameters, lr);
                    if (rollbacks > _training.MaxRollbacks)
                    {
                        rollbacks--;
                        diverged = true;
                        CommitteeLog.TrainingGaveUp(_logger, rollbacks, epoch + 1);
                        break;
                    }

                    CommitteeLog.DivergenceRolledBack(_logger, epoch + 1, failure ?? "loss", lr, rollbacks);
                    continue;
                }

                epoch++;
                lastGood.Capture();
                bool improved = false;
                if (perMember)
                {
                    for (int m = 0; m < members; m++)
                    {
                        if (valLoss[m] < bestLoss[m])
                        {
                            bestLoss[m] = valLoss[m];
                            bestEpoch[m] = epoch;
                            best.CaptureMember(m);
                            improved = true;
                        }
                    }
                }
                else if (valLoss.Sum() < bestLoss.Sum())
                {
                    valLoss.CopyTo(bestLoss, 0);
                    Array.Fill(bestEpoch, epoch);
                    best.Capture();
                    improved = true;
                }

                double total = valLoss.Sum();
                if (total < plateauBest * (1 - _training.PlateauThreshold))
                {
                    plateauBest = total;
                    plateauCount = 0;
                }
                else if (++plateauCount > _training.PlateauPatience && lr > _training.MinLearningRate)
                {
                    lr = Math.Max(lr * _training.PlateauFactor, _training.MinLearningRate);
                    optimizer.LearningRate = lr;

                    plateauCount = 0;
                    CommitteeLog.LearningRateReduced(_logger, epoch, lr);
                }

                sinceImprovement = improved ? 0 : sinceImprovement + 1;
                double validationMean = validation.Count > 0 ? valLoss.Average() : double.NaN;
                double trainingMean = trainLoss.Average();
                CommitteeLog.EpochCompleted(_logger, epoch, trainingMean, validationMean, lr);
                progress?.Report(new CommitteeTrainingProgress(epoch, trainingMean, validationMean, lr, elapsedBefore + clock.Elapsed));
                if (_training.EarlyStoppingPatience > 0 && sinceImprovement >= _training.EarlyStoppingPatience)
                {
                    stoppedEarly = true;
                    CommitteeLog.EarlyStopped(_logger, epoch, _training.EarlyStoppingPatience);
                    break;
                }

                if (StateStore is { } store && epoch < _training.Epochs && sinceSave.Elapsed >= store.Interval)
                {
                    var saved = new TrainingState
                    {
                        Context = context!,
                        Epoch = epoch,
                        Attempts = attempts,
                        Rollbacks = rollbacks,
                        LearningRate = lr,
                        PlateauBest = plateauBest,
                        PlateauCount = plateauCount,
                        SinceImprovement = sinceImprovement,
                        Elapsed = elapsedBefore + clock.Elapsed,
                        BestLoss = [.. bestLoss],
                        BestEpoch = [.. bestEpoch],
                        SinglePrecision = _model.DType == ScalarType.Float32,
                        Parameters = [.. parameters.Select((p, i) =>
                        {
                            var (average, averageSquare, steps) = optimizer.StateOf(i);
                            return new TrainingState.ParameterState([.. p.Parameter.shape], steps, TrainingState.BytesOf(p.Parameter), best.BytesOf(i), average, averageSquare);
                        })],
                    };
                    if (saved.Size <= Array.MaxLength)
                    {
                        store.Save(saved.ToBytes(), epoch);
                    }
                    else
                    {
                        CommitteeLog.TrainingStateTooLarge(_logger, epoch, saved.Size);
                    }

                    sinceSave.Restart();
                }
            }
        }
        catch (OperationCanceledException)
        {
            CommitteeLog.TrainingCancelled(_logger, epoch + 1);
            throw;
        }
        finally
        {
            optimizer.Dispose();
        }

        if (bestEpoch.Any(e => e > 0))
        {
            best.Restore();
        }

        var result = new CommitteeTrainingResult
        {
            Epochs = epoch,
            BestValidationLoss = [.. bestLoss],
            BestEpoch = [.. bestEpoch],
            Rollbacks = rollbacks,
            StoppedEarly = stoppedEarly,
            Diverged = diverged,
            Elapsed = elapsedBefore + clock.Elapsed,
        };
        if (_logger.IsEnabled(LogLevel.Information))
        {
            string summary = string.Join(", ", bestLoss.Select(l => l.ToString("G4", CultureInfo.InvariantCulture)));
            CommitteeLog.TrainingFinished(_logger, epoch, result.Elapsed, summary);
        }

        return result;
    }

    /// <summary>The saved state of this training, or null (none, unreadable, or of another training: logged).</summary>
    private TrainingState? LoadState(string context, int members, IReadOnlyList<CommitteeParameter> parameters)
    {
        byte[]? bytes = StateStore!.Load();
        if (bytes is null)
        {
            return null;
        }

        TrainingState state;
        try
        {
            state = TrainingState.FromBytes(bytes);
        }
        catch (FormatException e)
        {
            CommitteeLog.TrainingStateIgnored(_logger, e.Message);
            return null;
        }

        string? problem = state.Context != context ? "it was saved for other training data, options, seed or architecture"
            : state.BestLoss.Length != members ? $"it has {state.BestLoss.Length} members, the committee {members}"
            : state.Parameters.Length != parameters.Count ? $"it has {state.Parameters.Length} parameters, the committee {parameters.Count}"
            : parameters.Select((p, i) => state.Parameters[i].Shape.SequenceEqual(p.Parameter.shape) ? null : $"parameter {i} has shape [{string.Join(", ", state.Parameters[i].Shape)}], the committee's [{string.Join(", ", p.Parameter.shape)}]").FirstOrDefault(m => m is not null)
            ?? (state.SinglePrecision != (_model.DType == ScalarType.Float32) ? $"it holds {(state.SinglePrecision ? "float32" : "float64")} values, the committee is {_model.DType}"
            : state.Epoch < 1 || state.Epoch > _training.Epochs || state.Attempts < state.Epoch ? $"its epoch {state.Epoch} of {state.Attempts} attempts does not fit {_training.Epochs} epochs" : null);
        if (problem is not null)
        {
            CommitteeLog.TrainingStateIgnored(_logger, problem);
            return null;
        }

        return state;
    }

    /// <summary>Each sample's weight divided by the mean weight (null without a weight function).</summary>
    /// <exception cref="ArgumentException">A weight is negative or not finite, or every weight is zero.</exception>
    internal static double[]? NormalizedWeights(Dataset data, Func<LabelledSample, double>? sampleWeight, string name)
    {
        if (sampleWeight is null)
        {
            return null;
        }

        var weights = new double[data.Count];
        for (int i = 0; i < weights.Length; i++)
        {
            double w = sampleWeight(data[i]);
            if (!(w >= 0 && double.IsFinite(w)))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The loss weight of {name} sample {i} is {w}; weights must be finite and ≥ 0."), name);
            }

            weights[i] = w;
        }

        double mean = weights.Average();
        if (!(mean > 0))
        {
            throw new ArgumentException($"Every loss weight of the {name} set is zero; at least one sample must have a positive weight.", name);
        }

        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] /= mean;
        }

        return weights;
    }

    private static CommitteeAdam NewOptimizer(IReadOnlyList<CommitteeParameter> parameters, double lr)
        => new(parameters.Select(p => p.Parameter), lr);

    private static void Shuffle(int[] order, Random rng)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static bool AllFinite(IReadOnlyList<CommitteeParameter> parameters)
    {
        using var scope = NewDisposeScope();
        return parameters.All(p => p.Parameter.isfinite().all().item<bool>());
    }

    /// <summary>One pass over the shuffled training set; per-member mean losses, or null on a non-finite minibatch loss.</summary>
    private double[]? RunEpoch(Dataset training, double[]? sampleWeights, int[] order, CommitteeAdam optimizer, IReadOnlyList<CommitteeParameter> parameters, int members, CancellationToken cancellationToken)
    {
        var sum = new double[members];
        Tensor[] weights = [.. parameters.Select(p => (Tensor)p.Parameter)];
        for (int start = 0; start < order.Length; start += _training.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var indices = order[start..Math.Min(order.Length, start + _training.BatchSize)];
            var samples = indices.Select(i => training[i]).ToList();
            using var data = LabelledBatch.Create(samples, _model.DType, sampleWeights is null ? null : [.. indices.Select(i => sampleWeights[i])]);
            optimizer.ZeroGrad();
            var loss = data.MemberLoss(_model, _training.EnergyWeight, _training.ForceWeight, createGraph: true);
            var values = loss.detach().to_type(ScalarType.Float64).data<double>().ToArray();
            if (!values.All(double.IsFinite))
            {
                return null;
            }

            // Gradients for the parameters only: nothing is accumulated into the positions.
            autograd.backward([loss.sum()], inputs: weights);
            if (_training.GradientClipNorm is double clip)
            {
                GradientClipper.ClipPerMember(parameters, members, clip);
            }

            optimizer.Step();
            for (int m = 0; m < members; m++)
            {
                sum[m] += values[m] * samples.Count;
            }
        }

        return [.. sum.Select(s => s / order.Length)];
    }

    /// <summary>Per-member mean loss over a dataset without training (parameters frozen meanwhile).</summary>
    private double[] Evaluate(Dataset data, double[]? weights, int members, CancellationToken cancellationToken)
    {
        var sum = new double[members];
        _model.SetTrainable(false);
        try
        {
            for (int start = 0; start < data.Count; start += _options.EvaluationBatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var indices = Enumerable.Range(start, Math.Min(data.Count - start, _options.EvaluationBatchSize)).ToList();
                var samples = indices.Select(i => data[i]).ToList();
                using var batch = LabelledBatch.Create(samples, _model.DType, weights is null ? null : [.. indices.Select(i => weights[i])]);
                var values = batch.MemberLoss(_model, _training.EnergyWeight, _training.ForceWeight, createGraph: false)
                    .detach().to_type(ScalarType.Float64).data<double>().ToArray();
                for (int m = 0; m < members; m++)
                {
                    sum[m] += values[m] * samples.Count;
                }
            }
        }
        finally
        {
            _model.SetTrainable(true);
        }

        return [.. sum.Select(s => s / data.Count)];
    }
}
