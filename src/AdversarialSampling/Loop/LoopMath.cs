using System.Collections.Immutable;
using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Loop;

/// <summary>Small numeric helpers of the loop: errors, medians, budget split, seed choice.</summary>
internal static class LoopMath
{
    /// <summary>Member-mean errors of a committee on labelled samples, or null for none.</summary>
    public static CommitteeErrors? Errors(ICommittee committee, Dataset samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0)
        {
            return null;
        }

        var predictions = committee.Predict([.. samples.Select(s => s.Structure)], cancellationToken);
        double se = 0, ae = 0, sf = 0;
        long nf = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            var p = predictions[i];
            double de = p.MeanEnergy - samples[i].Energy;
            se += de * de;
            ae += Math.Abs(de);
            var forces = samples[i].Forces;
            for (int k = 0; k < forces.Length; k++)
            {
                double df = p.MeanForces[k] - forces[k];
                sf += df * df;
                nf++;
            }
        }

        return new CommitteeErrors(samples.Count, Math.Sqrt(se / samples.Count), nf == 0 ? double.NaN : Math.Sqrt(sf / nf), ae / samples.Count);
    }

    /// <summary>Largest median best epoch, as a fraction of the epoch limit, that counts as "kept early weights".</summary>
    public const double EarlyBestEpochFraction = 0.1;

    /// <summary>
    /// The members' median best epoch when a validation split made the committee keep early weights: median ≤
    /// <see cref="EarlyBestEpochFraction"/> × <paramref name="maxEpochs"/> (at least 20), with validation data. Else null.
    /// </summary>
    public static double? KeptEarlyWeights(System.Collections.Immutable.ImmutableArray<int> bestEpochs, int maxEpochs, int validationCount)
    {
        if (validationCount == 0 || maxEpochs < 20 || bestEpochs.IsDefaultOrEmpty)
        {
            return null;
        }

        double median = Median([.. bestEpochs.Select(e => (double)e)])!.Value;
        return median <= EarlyBestEpochFraction * maxEpochs ? median : null;
    }

    public static double? Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }

    /// <summary>Splits a cap between shares by largest remainders (ties to the earlier share); null cap → null for all.</summary>
    public static ImmutableArray<int?> SplitCap(int? cap, IReadOnlyList<double> shares)
    {
        if (cap is not int total)
        {
            return [.. shares.Select(_ => (int?)null)];
        }

        double sum = shares.Sum();
        var exact = shares.Select(s => total * s / sum).ToArray();
        var parts = exact.Select(x => (int)Math.Floor(x)).ToArray();
        int left = total - parts.Sum();
        foreach (int i in Enumerable.Range(0, shares.Count).OrderByDescending(i => exact[i] - parts[i]).ThenBy(i => i).Take(left))
        {
            parts[i]++;
        }

        return [.. parts.Select(p => (int?)p)];
    }

    /// <summary>
    /// Whether a new label is held out for validation: true with probability <paramref name="fraction"/>, decided by the
    /// SHA-256 of (loop seed, oracle-call key), so the same label is held out on every resume and repeat of the run.
    /// </summary>
    public static bool HeldOutForValidation(string oracleKey, int loopSeed, double fraction)
    {
        if (fraction <= 0)
        {
            return false;
        }

        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{loopSeed}:validation:{oracleKey}")));
        double u = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) / 18446744073709551616.0; // [0, 1)
        return u < fraction;
    }

    /// <summary>
    /// Indices into <paramref name="energies"/> of the seeds chosen by a policy; <see cref="SeedPolicyKind.ReplicatedTraining"/>
    /// repeats index i <paramref name="replication"/>[i] times (in order), the other policies use each index at most once.
    /// </summary>
    public static ImmutableArray<int> PickSeeds(SeedPolicy policy, IReadOnlyList<double> energies, IReadOnlyList<int> replication, int seed)
    {
        int n = energies.Count;
        if (replication.Count != n)
        {
            throw new ArgumentException($"{replication.Count} replication counts for {n} training structures.", nameof(replication));
        }

        switch (policy.Kind)
        {
            case SeedPolicyKind.ReplicatedTraining:
                return [.. Enumerable.Range(0, n).SelectMany(i => Enumerable.Repeat(i, replication[i]))];
            case SeedPolicyKind.LowestEnergy:
                return [.. Enumerable.Range(0, n).OrderBy(i => energies[i]).ThenBy(i => i).Take(policy.Count)];
            case SeedPolicyKind.Random:
                int[] order = [.. Enumerable.Range(0, n)];
                var rng = new Random(seed);
                int k = Math.Min(policy.Count, n);
                for (int i = 0; i < k; i++)
                {
                    int j = i + rng.Next(n - i);
                    (order[i], order[j]) = (order[j], order[i]);
                }

                return [.. order.Take(k).Order()];
            default:
                return [.. Enumerable.Range(0, n)];
        }
    }
}
