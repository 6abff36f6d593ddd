using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Attacks;

/// <summary>
/// The attack's minimum-distance guard over a graph batch: every pair i &lt; j of a structure has a threshold
/// min(max(f·(r_cov,i + r_cov,j), g·d_train(Z_i, Z_j)), d_seed − 1e-4 Å) — the covalent rule, the training-data
/// rule (d_train: shortest distance of the element pair in the training structures, where known), or both — so a
/// pair already closer in the seed may not come closer than it was. Distances use the minimum image along periodic axes. Tensors live in the caller's dispose scope.
/// </summary>
internal sealed class DistanceGuard
{
    /// <summary>Slack (Å) below a seed's own distance before a pair that starts inside the guard counts as approaching.</summary>
    public const double SeedSlack = 1e-4;

    /// <summary>How far (Å) <see cref="Push"/> moves a pair beyond its threshold, so rounding cannot leave it just below.</summary>
    public const double PushMargin = 1e-3;

    private readonly Tensor _first;
    private readonly Tensor _second;
    private readonly Tensor _threshold;
    private readonly Tensor _pairStructure;
    private readonly Tensor? _cells;
    private readonly Tensor? _inverses;
    private readonly Tensor? _periodic;
    private readonly int _structureCount;

    private DistanceGuard(Tensor first, Tensor second, Tensor threshold, Tensor pairStructure, Tensor? cells, Tensor? inverses, Tensor? periodic, int structureCount)
    {
        _first = first;
        _second = second;
        _threshold = threshold;
        _pairStructure = pairStructure;
        _cells = cells;
        _inverses = inverses;
        _periodic = periodic;
        _structureCount = structureCount;
    }

    /// <summary>Builds the guard, or returns null when no pair can be checked (one-atom structures).</summary>
    /// <param name="structures">The batch's structures (seed geometries).</param>
    /// <param name="offsets">First atom of each structure in the batch, then the total (length B + 1).</param>
    /// <param name="factor">Fraction f of the covalent-radius sum, or null for no covalent rule.</param>
    /// <param name="trainingFactor">Fraction g of the shortest training distance of the element pair, or null for no training rule.</param>
    /// <param name="trainingShortest">Shortest training distance per element pair (<see cref="ElementPairDistances"/>; needed with <paramref name="trainingFactor"/>).</param>
    /// <param name="dtype">Floating type of the positions.</param>
    /// <returns>The guard or null.</returns>
    public static DistanceGuard? Create(
        IReadOnlyList<AtomicStructure> structures,
        IReadOnlyList<int> offsets,
        double? factor,
        double? trainingFactor,
        IReadOnlyDictionary<(int, int), double>? trainingShortest,
        ScalarType dtype)
    {
        var first = new List<long>();
        var second = new List<long>();
        var threshold = new List<double>();
        var owner = new List<long>();
        var cells = new List<double>();
        var inverses = new List<double>();
        var periodic = new List<double>();
        bool anyPeriodic = structures.Any(s => s.IsPeriodic);
        for (int b = 0; b < structures.Count; b++)
        {
            var s = structures[b];
            double[] cell = s.IsPeriodic ? [.. s.Cell!.Vectors] : [1, 0, 0, 0, 1, 0, 0, 0, 1];
            double[] inverse = s.IsPeriodic ? s.Cell!.Inverse() : cell;
            for (int i = 0; i < s.AtomCount; i++)
            {
                for (int j = i + 1; j < s.AtomCount; j++)
                {
                    int zi = s.AtomicNumbers[i], zj = s.AtomicNumbers[j];
                    double limit = factor is double f ? f * (Elements.CovalentRadius(zi) + Elements.CovalentRadius(zj)) : 0;
                    if (trainingFactor is double g && trainingShortest is not null && trainingShortest.TryGetValue(ElementPairDistances.Key(zi, zj), out double shortest))
                    {
                        limit = Math.Max(limit, g * shortest);
                    }

                    limit = Math.Min(limit, s.Distance(i, j) - SeedSlack);
                    if (limit <= 0)
                    {
                        continue;
                    }

                    first.Add(offsets[b] + i);
                    second.Add(offsets[b] + j);
                    threshold.Add(limit);
                    owner.Add(b);
                    if (anyPeriodic)
                    {
                        cells.AddRange(cell);
                        inverses.AddRange(inverse);
                        for (int k = 0; k < 3; k++)
                        {
                            periodic.Add(s.IsPeriodic && s.Cell!.Periodic[k] ? 1 : 0);
                        }
                    }
                }
            }
        }

        if (first.Count == 0)
        {
            return null;
        }

        int p = first.Count;
        return new DistanceGuard(
            tensor(first.ToArray(), ScalarType.Int64),
            tensor(second.ToArray(), ScalarType.Int64),
            tensor(threshold.ToArray(), ScalarType.Float64).to_type(dtype),
            tensor(owner.ToArray(), ScalarType.Int64),
            anyPeriodic ? tensor(cells.ToArray(), [p, 3, 3], ScalarType.Float64).to_type(dtype) : null,
            anyPeriodic ? tensor(inverses.ToArray(), [p, 3, 3], ScalarType.Float64).to_type(dtype) : null,
            anyPeriodic ? tensor(periodic.ToArray(), [p, 3], ScalarType.Float64).to_type(dtype) : null,
            structures.Count);
    }

    /// <summary>For each structure, whether any pair is below its threshold at these positions.</summary>
    /// <param name="positions">Positions [A, 3] (Å), batch dtype.</param>
    /// <returns>One flag per structure.</returns>
    public bool[] Violations(Tensor positions)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var d = Separations(positions);
        var tooClose = (d.Squared().sum(1) < _threshold.Squared()).to_type(ScalarType.Int64);
        var perStructure = zeros(_structureCount, ScalarType.Int64).index_add_(0, _pairStructure, tooClose, alpha: TorchScalars.IntOne);
        return [.. perStructure.data<long>().ToArray().Select(c => c > 0)];
    }

    /// <summary>
    /// Pushes every pair below its threshold apart along its axis, in place, to the threshold plus
    /// <see cref="PushMargin"/>: the correction is shared equally by the two atoms, or taken by the movable one alone
    /// when the other may not move. Repeated (pairs sharing an atom) until no pair is below its threshold or after
    /// <paramref name="iterations"/> rounds; the caller checks <see cref="Violations"/> afterwards.
    /// </summary>
    /// <param name="positions">Positions [A, 3] (Å), batch dtype; modified in place.</param>
    /// <param name="movable">1 for atoms that may move, 0 for the others, [A, 1], batch dtype.</param>
    /// <param name="iterations">Most rounds; default 10.</param>
    public void Push(Tensor positions, Tensor movable, int iterations = 10)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int k = 0; k < iterations; k++)
        {
            var d = Separations(positions);
            var length = d.Squared().sum(1, keepdim: true).sqrt();
            var deficit = (_threshold.unsqueeze(1).Plus(PushMargin) - length).clamp_min_(TorchScalars.Zero);
            if (!(deficit.max().to_type(ScalarType.Float64).item<double>() > 0))
            {
                return;
            }

            var wi = movable.index_select(0, _first);
            var wj = movable.index_select(0, _second);
            using var tiny = TorchScalars.Of(1e-12);
            var shift = d / length.clamp_min(tiny) * deficit / wi.Plus(wj).clamp_min(tiny);
            positions.index_add_(0, _second, shift * wj, alpha: TorchScalars.IntOne);
            positions.index_add_(0, _first, shift * wi, alpha: TorchScalars.IntMinusOne);
        }
    }

    /// <summary>The separation vector (Å) of every guarded pair, second − first, minimum image along periodic axes, [P, 3].</summary>
    private Tensor Separations(Tensor positions)
    {
        var d = positions.index_select(0, _second) - positions.index_select(0, _first);
        if (_cells is not null)
        {
            var f = d.unsqueeze(1).bmm(_inverses!).squeeze(1);
            f = f - (f.Plus(0.5).floor() * _periodic!);
            d = f.unsqueeze(1).bmm(_cells).squeeze(1);
        }

        return d;
    }
}
