using System.Collections;
using System.Collections.Immutable;

namespace AdversarialSampling.Structures;

/// <summary>
/// An immutable, ordered collection of labelled samples. <see cref="Append(LabelledSample)"/> and
/// <see cref="Where"/> return new datasets; <see cref="Split"/> is a seeded, reproducible
/// train/validation/test partition.
/// </summary>
public sealed class Dataset : IReadOnlyList<LabelledSample>
{
    private readonly ImmutableList<LabelledSample> _samples;

    /// <summary>Creates a dataset from samples (order kept).</summary>
    /// <param name="samples">The samples; none may be null.</param>
    public Dataset(IEnumerable<LabelledSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        _samples = [.. samples];
        for (int i = 0; i < _samples.Count; i++)
        {
            if (_samples[i] is null)
            {
                throw new ArgumentException($"Dataset sample {i} is null.", nameof(samples));
            }
        }
    }

    private Dataset(ImmutableList<LabelledSample> samples) => _samples = samples;

    /// <summary>The empty dataset.</summary>
    public static Dataset Empty { get; } = new(ImmutableList<LabelledSample>.Empty);

    /// <summary>Number of samples.</summary>
    public int Count => _samples.Count;

    /// <summary>The sample at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based index.</param>
    public LabelledSample this[int index] => _samples[index];

    /// <summary>Summary statistics (counts, elements, energy and force ranges).</summary>
    public DatasetStatistics Statistics => DatasetStatistics.Compute(this);

    /// <summary>A new dataset with one sample appended.</summary>
    /// <param name="sample">The sample.</param>
    /// <returns>The new dataset; this one is unchanged.</returns>
    public Dataset Append(LabelledSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new Dataset(_samples.Add(sample));
    }

    /// <summary>A new dataset with samples appended.</summary>
    /// <param name="samples">The samples.</param>
    /// <returns>The new dataset; this one is unchanged.</returns>
    public Dataset Append(IEnumerable<LabelledSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var list = samples.ToList();
        if (list.Any(s => s is null))
        {
            throw new ArgumentException("Cannot append a null sample.", nameof(samples));
        }

        return new Dataset(_samples.AddRange(list));
    }

    /// <summary>A new dataset with the samples that satisfy <paramref name="predicate"/> (order kept).</summary>
    /// <param name="predicate">The filter.</param>
    /// <returns>The filtered dataset.</returns>
    public Dataset Where(Func<LabelledSample, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new Dataset(_samples.Where(predicate).ToImmutableList());
    }

    /// <summary>
    /// A seeded random partition into training, validation and test sets. The test fraction is
    /// 1 − train − validation. Sizes are rounded so that train + validation + test = <see cref="Count"/>;
    /// the same seed always gives the same partition (Fisher–Yates with <see cref="Random(int)"/>).
    /// </summary>
    /// <param name="trainFraction">Fraction for training, in [0, 1]; default 0.6 (the paper's 60/20/20).</param>
    /// <param name="validationFraction">Fraction for validation, in [0, 1]; default 0.2.</param>
    /// <param name="seed">Random seed; default 0.</param>
    /// <returns>The three sets.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Fractions negative, non-finite, or summing above 1.</exception>
    public DatasetSplit Split(double trainFraction = 0.6, double validationFraction = 0.2, int seed = 0)
    {
        if (!double.IsFinite(trainFraction) || trainFraction < 0 || trainFraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "Training fraction must be in [0, 1].");
        }

        if (!double.IsFinite(validationFraction) || validationFraction < 0 || trainFraction + validationFraction > 1 + 1e-12)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "Validation fraction must be in [0, 1 − train fraction].");
        }

        int[] order = [.. Enumerable.Range(0, Count)];
        var rng = new Random(seed);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        int nTrain = (int)Math.Round(trainFraction * Count, MidpointRounding.AwayFromZero);
        int nVal = Math.Min(Count - nTrain, (int)Math.Round(validationFraction * Count, MidpointRounding.AwayFromZero));
        Dataset Take(IEnumerable<int> idx) => new(idx.Select(i => _samples[i]).ToImmutableList());
        return new DatasetSplit(
            Take(order.Take(nTrain)),
            Take(order.Skip(nTrain).Take(nVal)),
            Take(order.Skip(nTrain + nVal)));
    }

    /// <inheritdoc />
    public IEnumerator<LabelledSample> GetEnumerator() => _samples.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
