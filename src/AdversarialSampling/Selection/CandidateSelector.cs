using System.Collections.Immutable;
using System.Globalization;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Selection;

/// <summary>
/// Chooses which candidates to label. Rules, in order (the first that rejects decides the reason):
/// invalid (null candidate, non-finite score, atoms too close) → below the uncertainty threshold (score &lt; threshold;
/// the threshold is the <see cref="SelectionOptions.Percentile"/>-th percentile of the training uncertainties, or
/// <see cref="SelectionOptions.Threshold"/>) → duplicate of a training structure (RMSD ≤ <see cref="SelectionOptions.DistanceToTraining"/>)
/// → deduplication among candidates (<see cref="SelectionOptions.Dedup"/>) → the cap.
/// Every candidate gets exactly one <see cref="CandidateDecision"/>. Deterministic for a given seed.
/// Structures that cannot be compared atom by atom (different composition, atom order, periodicity or cell) are never duplicates.
/// </summary>
/// <param name="options">Options; validated here.</param>
public sealed class CandidateSelector(SelectionOptions options)
{
    /// <summary>The options (validated).</summary>
    public SelectionOptions Options { get; } = Validated(options);

    /// <summary>Selects among candidates.</summary>
    /// <param name="candidates">The candidates; null entries are reported as invalid.</param>
    /// <param name="scoreUnit">Unit of the candidate scores and training uncertainties (the metric's <see cref="IUncertaintyMetric.Unit"/>).</param>
    /// <param name="trainingStructures">Training structures for the distance-to-training rule (may be empty).</param>
    /// <param name="trainingScores">Uncertainties of the training structures (same unit) for the percentile threshold;
    /// may be null when <see cref="SelectionOptions.Threshold"/> is set. Need not match <paramref name="trainingStructures"/> in length.</param>
    /// <returns>The decisions and accepted candidates.</returns>
    /// <exception cref="ArgumentException">Threshold unit differs from <paramref name="scoreUnit"/> (both named), no threshold source, or a non-finite training score.</exception>
    public SelectionResult Select(
        IReadOnlyList<SelectionCandidate?> candidates,
        UncertaintyUnit scoreUnit,
        IReadOnlyList<AtomicStructure> trainingStructures,
        IReadOnlyList<double>? trainingScores = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(trainingStructures);
        var (threshold, source) = ResolveThreshold(scoreUnit, trainingScores);
        var run = new SelectionRun(Options, candidates, threshold, scoreUnit);
        run.RejectInvalidAndBelowThreshold();
        run.RejectTrainingDuplicates(trainingStructures);
        run.Deduplicate();
        run.ApplyCap();
        var decisions = run.Finish();
        var accepted = decisions.Where(d => d.IsAccepted).Select(d => d.Index).ToImmutableArray();
        return new SelectionResult
        {
            Decisions = decisions,
            AcceptedIndices = accepted,
            Accepted = [.. accepted.Select(i => candidates[i]!)],
            Threshold = new UncertaintyThreshold(threshold, scoreUnit),
            ThresholdSource = source,
        };
    }

    /// <summary>Selects among candidates scored by <paramref name="metric"/> (its unit is the score unit).</summary>
    /// <param name="candidates">The candidates (scores from <paramref name="metric"/>).</param>
    /// <param name="metric">The metric that produced the scores.</param>
    /// <param name="trainingStructures">Training structures (may be empty).</param>
    /// <param name="trainingScores">Training uncertainties from the same metric, or null with an explicit threshold.</param>
    /// <returns>The decisions and accepted candidates.</returns>
    public SelectionResult Select(
        IReadOnlyList<SelectionCandidate?> candidates,
        IUncertaintyMetric metric,
        IReadOnlyList<AtomicStructure> trainingStructures,
        IReadOnlyList<double>? trainingScores = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (Options.Threshold is { } t)
        {
            t.EnsureUnit(metric.Unit, metric.Name);
        }

        return Select(candidates, metric.Unit, trainingStructures, trainingScores);
    }

    private static SelectionOptions Validated(SelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    private (double Value, string Source) ResolveThreshold(UncertaintyUnit scoreUnit, IReadOnlyList<double>? trainingScores)
    {
        if (Options.Threshold is { } explicitThreshold)
        {
            explicitThreshold.EnsureUnit(scoreUnit);
            return (explicitThreshold.Value, "explicit threshold");
        }

        if (trainingScores is null || trainingScores.Count == 0)
        {
            throw new ArgumentException(
                "The percentile threshold needs the training set's uncertainties; pass trainingScores or set SelectionOptions.Threshold.",
                nameof(trainingScores));
        }

        double value = Percentile.Linear(trainingScores, Options.Percentile);
        string p = Options.Percentile.ToString("G6", CultureInfo.InvariantCulture);
        return (value, $"{p}th percentile of {trainingScores.Count.ToString(CultureInfo.InvariantCulture)} training values");
    }
}
