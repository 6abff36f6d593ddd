using System.Collections.Immutable;
using System.Globalization;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Selection;

/// <summary>The state of one <see cref="CandidateSelector.Select(IReadOnlyList{SelectionCandidate?}, UncertaintyUnit, IReadOnlyList{AtomicStructure}, IReadOnlyList{double}?)"/> call: applies the rules in order.</summary>
internal sealed class SelectionRun
{
    private readonly SelectionOptions _options;
    private readonly IReadOnlyList<SelectionCandidate?> _candidates;
    private readonly double _threshold;
    private readonly string _unit;
    private readonly CandidateDecision?[] _decisions;
    private readonly PreparedStructure?[] _prepared;
    private PreparedStructure[] _training = [];

    public SelectionRun(SelectionOptions options, IReadOnlyList<SelectionCandidate?> candidates, double threshold, UncertaintyUnit unit)
    {
        _options = options;
        _candidates = candidates;
        _threshold = threshold;
        _unit = unit.Symbol();
        _decisions = new CandidateDecision?[candidates.Count];
        _prepared = new PreparedStructure?[candidates.Count];
    }

    /// <summary>Indices still undecided, ascending.</summary>
    private List<int> Open => [.. Enumerable.Range(0, _decisions.Length).Where(i => _decisions[i] is null)];

    public void RejectInvalidAndBelowThreshold()
    {
        for (int i = 0; i < _candidates.Count; i++)
        {
            var c = _candidates[i];
            string? invalid = InvalidReason(c);
            if (invalid is not null)
            {
                Decide(i, DecisionReason.Invalid, "invalid: " + invalid);
            }
            else if (c!.Score < _threshold)
            {
                Decide(i, DecisionReason.BelowThreshold, $"below threshold: score {F(c.Score)} < {F(_threshold)} {_unit}");
            }
            else
            {
                _prepared[i] = new PreparedStructure(c.Structure);
            }
        }
    }

    public void RejectTrainingDuplicates(IReadOnlyList<AtomicStructure> training)
    {
        _training = [.. training.Select((s, k) => s is null
            ? throw new ArgumentException($"Training structure {k.ToString(CultureInfo.InvariantCulture)} is null.", nameof(training))
            : new PreparedStructure(s))];
        if (_options.DistanceToTraining is not { } radius || training.Count == 0)
        {
            return;
        }

        foreach (int i in Open)
        {
            var (nearest, rmsd) = Nearest(_prepared[i]!, _training, radius);
            if (rmsd <= radius)
            {
                Decide(i, DecisionReason.DuplicateOfTraining, $"duplicate of training {nearest.ToString(CultureInfo.InvariantCulture)} at RMSD {F(rmsd)} Å", nearest, rmsd);
            }
        }
    }

    public void Deduplicate()
    {
        switch (_options.Dedup)
        {
            case DedupMode.SingleLinkage:
                SingleLinkage();
                break;
            case DedupMode.FarthestPoint:
                FarthestPoint();
                break;
            default:
                break;
        }
    }

    public void ApplyCap()
    {
        var open = Open;
        if (_options.Cap is not { } cap || open.Count <= cap)
        {
            return;
        }

        if (_options.CapMode == CapMode.FarthestPoint)
        {
            FarthestPointCap(open, cap);
            return;
        }

        HashSet<int> kept;
        string how;
        if (_options.CapMode == CapMode.ByScore)
        {
            kept = [.. open.OrderByDescending(i => _candidates[i]!.Score).ThenBy(i => i).Take(cap)];
            how = "by score";
        }
        else
        {
            var order = open.ToArray();
            var rng = new Random(_options.Seed);
            for (int k = order.Length - 1; k > 0; k--)
            {
                int j = rng.Next(k + 1);
                (order[k], order[j]) = (order[j], order[k]);
            }

            kept = [.. order.Take(cap)];
            how = $"random, seed {_options.Seed.ToString(CultureInfo.InvariantCulture)}";
        }

        string summary = $"{cap.ToString(CultureInfo.InvariantCulture)} of {open.Count.ToString(CultureInfo.InvariantCulture)} eligible kept ({how})";
        foreach (int i in open.Where(i => !kept.Contains(i)))
        {
            Decide(i, DecisionReason.Capped, $"capped: score {F(_candidates[i]!.Score)} {_unit}, {summary}");
        }
    }

    public ImmutableArray<CandidateDecision> Finish()
    {
        foreach (int i in Open)
        {
            Decide(i, DecisionReason.Accepted, $"accepted with score {F(_candidates[i]!.Score)} {_unit}");
        }

        return [.. _decisions.Select(d => d!)];
    }

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static bool Better(SelectionCandidate a, int ia, SelectionCandidate b, int ib)
        => a.Score > b.Score || (a.Score == b.Score && ia < ib);

    private string? InvalidReason(SelectionCandidate? c)
    {
        if (c is null)
        {
            return "no candidate (null)";
        }

        if (c.Structure is null)
        {
            return "no structure (null)";
        }

        if (!double.IsFinite(c.Score))
        {
            return $"score is {c.Score.ToString(CultureInfo.InvariantCulture)}";
        }

        if (_options.MinimumInteratomicDistance > 0)
        {
            var s = c.Structure;
            for (int a = 0; a < s.AtomCount; a++)
            {
                for (int b = a + 1; b < s.AtomCount; b++)
                {
                    double d = s.Distance(a, b);
                    if (d < _options.MinimumInteratomicDistance)
                    {
                        return $"atoms {a.ToString(CultureInfo.InvariantCulture)} and {b.ToString(CultureInfo.InvariantCulture)} are {F(d)} Å apart (minimum {F(_options.MinimumInteratomicDistance)} Å)";
                    }
                }
            }
        }

        return null;
    }

    private void Decide(int i, DecisionReason reason, string explanation, int? reference = null, double? rmsd = null)
    {
        _decisions[i] = new CandidateDecision
        {
            Index = i,
            Id = _candidates[i]?.Id,
            Reason = reason,
            Score = _candidates[i]?.Score ?? double.NaN,
            Threshold = _threshold,
            ReferenceIndex = reference,
            Rmsd = rmsd,
            Explanation = explanation,
        };
    }

    private string CandidateName(int i)
        => _candidates[i]!.Id is { } id ? $"candidate {i.ToString(CultureInfo.InvariantCulture)} ({id})" : $"candidate {i.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The nearest reference within <paramref name="cutoff"/> (lowest index on ties), or (−1, +∞).</summary>
    private (int Index, double Rmsd) Nearest(PreparedStructure x, PreparedStructure[] references, double cutoff)
    {
        int best = -1;
        double bestRmsd = double.PositiveInfinity;
        for (int k = 0; k < references.Length; k++)
        {
            double r = Rmsd.Between(x, references[k], _options.RmsdMode, cutoff);
            if (r < bestRmsd)
            {
                best = k;
                bestRmsd = r;
            }
        }

        return (best, bestRmsd);
    }

    private void SingleLinkage()
    {
        var open = Open;
        double radius = _options.DistanceBetweenCandidates;
        var parent = Enumerable.Range(0, _decisions.Length).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        for (int a = 0; a < open.Count; a++)
        {
            for (int b = a + 1; b < open.Count; b++)
            {
                if (Rmsd.Between(_prepared[open[a]]!, _prepared[open[b]]!, _options.RmsdMode, radius) <= radius)
                {
                    parent[Find(open[b])] = Find(open[a]);
                }
            }
        }

        foreach (var cluster in open.GroupBy(Find))
        {
            int keep = cluster.Aggregate((x, y) => Better(_candidates[y]!, y, _candidates[x]!, x) ? y : x);
            foreach (int i in cluster.Where(i => i != keep))
            {
                double rmsd = Rmsd.Between(_prepared[i]!, _prepared[keep]!, _options.RmsdMode);
                if (rmsd <= radius)
                {
                    Decide(i, DecisionReason.DuplicateOfCandidate, $"duplicate of {CandidateName(keep)} at RMSD {F(rmsd)} Å", keep, rmsd);
                }
                else
                {
                    Decide(
                        i,
                        DecisionReason.ClusterMember,
                        $"in the single-linkage cluster of {CandidateName(keep)} (higher score), RMSD {F(rmsd)} Å to it, linked through other candidates within {F(radius)} Å",
                        keep,
                        rmsd);
                }
            }
        }
    }

    /// <summary>
    /// The <see cref="CapMode.FarthestPoint"/> cap: greedy max-min over the eligible candidates, distances to the training
    /// structures and to the candidates kept so far; the rest are capped with their distance to the nearest of those.
    /// </summary>
    private void FarthestPointCap(List<int> open, int cap)
    {
        var distance = new Dictionary<int, double>();
        foreach (int i in open)
        {
            distance[i] = _training.Length == 0 ? double.PositiveInfinity : Nearest(_prepared[i]!, _training, double.PositiveInfinity).Rmsd;
        }

        var remaining = new List<int>(open);
        for (int k = 0; k < cap && remaining.Count > 0; k++)
        {
            // Farthest remaining candidate; ties: higher score, then lower index.
            int next = remaining.Aggregate((x, y) =>
                distance[y] > distance[x] || (distance[y] == distance[x] && Better(_candidates[y]!, y, _candidates[x]!, x)) ? y : x);
            remaining.Remove(next);
            foreach (int i in remaining)
            {
                distance[i] = Math.Min(distance[i], Rmsd.Between(_prepared[i]!, _prepared[next]!, _options.RmsdMode));
            }
        }

        string summary = $"{cap.ToString(CultureInfo.InvariantCulture)} of {open.Count.ToString(CultureInfo.InvariantCulture)} eligible kept (farthest point)";
        foreach (int i in remaining)
        {
            Decide(i, DecisionReason.Capped, $"capped: score {F(_candidates[i]!.Score)} {_unit}, RMSD {F(distance[i])} Å to the nearest kept or training structure, {summary}");
        }
    }

    private void FarthestPoint()
    {
        var open = Open;
        if (open.Count == 0)
        {
            return;
        }

        double radius = _options.DistanceBetweenCandidates;
        int first = open.Aggregate((x, y) => Better(_candidates[y]!, y, _candidates[x]!, x) ? y : x);
        var distance = new Dictionary<int, double>();
        var nearest = new Dictionary<int, int>();
        var remaining = new List<int>(open.Where(i => i != first));
        foreach (int i in remaining)
        {
            distance[i] = double.PositiveInfinity;
            nearest[i] = first;
        }

        int added = first;
        while (remaining.Count > 0)
        {
            foreach (int i in remaining)
            {
                double r = Rmsd.Between(_prepared[i]!, _prepared[added]!, _options.RmsdMode);
                if (r < distance[i])
                {
                    distance[i] = r;
                    nearest[i] = added;
                }
            }

            // Farthest remaining candidate; ties: higher score, then lower index.
            int next = remaining.Aggregate((x, y) =>
                distance[y] > distance[x] || (distance[y] == distance[x] && Better(_candidates[y]!, y, _candidates[x]!, x)) ? y : x);
            if (distance[next] <= radius)
            {
                break;
            }

            remaining.Remove(next);
            added = next;
        }

        foreach (int i in remaining)
        {
            int keep = nearest[i];
            Decide(i, DecisionReason.DuplicateOfCandidate, $"duplicate of {CandidateName(keep)} at RMSD {F(distance[i])} Å", keep, distance[i]);
        }
    }
}
