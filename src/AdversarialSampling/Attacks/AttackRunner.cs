using System.Diagnostics;
using System.Globalization;
using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace AdversarialSampling.Attacks;

/// <summary>
/// What every attack does around its batches: checks the inputs, builds the objective from the training
/// labels, freezes the committee's weights (restored afterwards), replicates seeds per start, cuts the work
/// into graph batches, and logs. One <see cref="Random"/> seeded with <see cref="AttackContext.RandomSeed"/>
/// is consumed in (seed, start) order, so results do not depend on the batch size.
/// </summary>
internal static class AttackRunner
{
    /// <summary>The tensor-level model behind a committee.</summary>
    /// <param name="committee">The committee.</param>
    /// <returns>Its model.</returns>
    /// <exception cref="ArgumentException">The committee does not expose a differentiable model.</exception>
    public static ICommitteeModel ModelOf(ICommittee committee)
    {
        ArgumentNullException.ThrowIfNull(committee);
        return committee is TorchCommittee torch
            ? torch.Model
            : throw new ArgumentException(
                $"The attack needs a differentiable committee ({nameof(TorchCommittee)}, or call the overload taking an {nameof(ICommitteeModel)}); got {committee.GetType().Name}.",
                nameof(committee));
    }

    /// <summary>An attack's settings when they are valid (the constructors' check).</summary>
    /// <typeparam name="T">The settings type.</typeparam>
    /// <param name="options">The settings.</param>
    /// <param name="problems">Their problems (<c>options.Validate()</c>).</param>
    /// <param name="what">What they configure, for the message (e.g. "gradient-attack").</param>
    /// <returns><paramref name="options"/>.</returns>
    /// <exception cref="ArgumentNullException">No settings.</exception>
    /// <exception cref="ArgumentException">Invalid settings (every problem listed).</exception>
    public static T Validated<T>(T? options, IReadOnlyList<string>? problems, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        if (problems is { Count: > 0 })
        {
            throw new ArgumentException($"Invalid {what} settings: " + string.Join(" ", problems), nameof(options));
        }

        return options;
    }

    /// <summary>Runs an attack over all seeds.</summary>
    /// <param name="name">The attack's name (for logs).</param>
    /// <param name="model">The committee model.</param>
    /// <param name="seeds">Seed structures.</param>
    /// <param name="context">Training data and random seed.</param>
    /// <param name="objectiveOptions">Objective settings.</param>
    /// <param name="bounds">Bounds.</param>
    /// <param name="starts">Starts per seed.</param>
    /// <param name="batchSize">Structures per batch.</param>
    /// <param name="steps">Steps (for logs).</param>
    /// <param name="logger">Logger.</param>
    /// <param name="runBatch">Attacks one batch; outcomes in batch order.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Outcomes ordered by seed then start.</returns>
    public static IReadOnlyList<AttackOutcome> Run(
        string name,
        ICommitteeModel model,
        IReadOnlyList<AtomicStructure> seeds,
        AttackContext context,
        AttackObjectiveOptions objectiveOptions,
        AttackBounds bounds,
        int starts,
        int batchSize,
        int steps,
        ILogger logger,
        Func<AttackBatch, Random, CancellationToken, IReadOnlyList<AttackOutcome>> runBatch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(context.Training);
        for (int i = 0; i < seeds.Count; i++)
        {
            if (seeds[i] is null || seeds[i].AtomCount == 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Seed {i} is null or has no atoms."), nameof(seeds));
            }
        }

        if (seeds.Count == 0)
        {
            return [];
        }

        var objective = objectiveOptions.Create(context.Training);
        double trainingMinimum = context.Training.Min(s => objective.ModeEnergy(s.Energy, s.Structure.AtomCount));
        var trainingShortest = bounds.MinTrainingDistanceFactor is null ? null : ElementPairDistances.Shortest(context.Training.Select(s => s.Structure));
        if (logger.IsEnabled(LogLevel.Information))
        {
            string description = objective.ToString();
            AttackLog.Started(logger, name, seeds.Count, starts, steps, batchSize, description);
        }

        var clock = Stopwatch.StartNew();
        var jobs = Enumerable.Range(0, seeds.Count).SelectMany(s => Enumerable.Range(0, starts).Select(k => (Seed: s, Start: k))).ToArray();
        var rng = new Random(context.RandomSeed);
        var outcomes = new List<AttackOutcome>(jobs.Length);
        bool wasTrainable = model.Parameters().Any(p => p.requires_grad);
        model.SetTrainable(false);
        try
        {
            for (int first = 0; first < jobs.Length; first += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = jobs[first..Math.Min(jobs.Length, first + batchSize)];
                using var scope = NewDisposeScope();
                using var batch = new AttackBatch(model, [.. chunk.Select(j => seeds[j.Seed])], objective, objectiveOptions.Metric, bounds, trainingMinimum, trainingShortest);
                var results = runBatch(batch, rng, cancellationToken);
                for (int b = 0; b < chunk.Length; b++)
                {
                    outcomes.Add(results[b] with { SeedIndex = chunk[b].Seed, Start = chunk[b].Start });
                }

                if (logger.IsEnabled(LogLevel.Debug))
                {
                    string exits = ExitSummary(results);
                    AttackLog.BatchFinished(logger, name, chunk.Length, steps, exits);
                }

            }
        }
        catch (OperationCanceledException)
        {
            AttackLog.Cancelled(logger, name);
            throw;
        }
        finally
        {
            if (wasTrainable)
            {
                model.SetTrainable(true);
            }
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            string exits = ExitSummary(outcomes);
            double before = outcomes.Average(o => o.UncertaintyBefore), after = outcomes.Average(o => o.UncertaintyAfter);
            AttackLog.Finished(logger, name, outcomes.Count, clock.Elapsed, exits, before, after);
        }

        return outcomes;
    }

    private static string ExitSummary(IEnumerable<AttackOutcome> outcomes)
        => string.Join(", ", outcomes.GroupBy(o => o.ExitReason).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}")));
}
