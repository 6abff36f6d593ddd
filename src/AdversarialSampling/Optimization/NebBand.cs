using AdversarialSampling.Structures;

namespace AdversarialSampling.Optimization;

/// <summary>One band optimisation of <see cref="NudgedElasticBand"/>: the band forces and the FIRE loop over the movable images.</summary>
internal sealed class NebBand
{
    private readonly IPotential _potential;
    private readonly NebOptions _options;
    private readonly AtomicStructure[] _band;
    private readonly double[] _energies;
    private readonly bool[] _frozen;
    private readonly int _dim;

    public NebBand(IPotential potential, NebOptions options, AtomicStructure[] band, double initialEnergy, double finalEnergy)
    {
        _potential = potential;
        _options = options;
        _band = (AtomicStructure[])band.Clone();
        _energies = new double[band.Length];
        _energies[0] = initialEnergy;
        _energies[^1] = finalEnergy;
        _frozen = band[0].FrozenMask();
        _dim = _frozen.Length;
    }

    private int Movable => _band.Length - 2;

    public NebResult Optimize(IProgress<OptimizationProgress>? progress, CancellationToken cancellationToken)
    {
        var rule = new FireStepRule(_options.Band);
        bool climbing = false;
        NebResult? last = null;
        for (int step = 0; ; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var images = _band[1..^1];
            var results = _potential.ComputeBatch(images, cancellationToken);
            if (results.Count != images.Length || results.Any(r => !r.IsFinite || r.Forces.Length != _dim))
            {
                return last is null
                    ? throw new InvalidOperationException($"{_potential.Name} returned a non-finite or malformed result for an image of the starting band.")
                    : last with { ExitReason = OptimizationExitReason.NonFinite, Evaluations = last.Evaluations + Movable };
            }

            for (int i = 0; i < Movable; i++)
            {
                _energies[i + 1] = results[i].Energy;
            }

            var forces = BandForces(results, climbing);
            double fmax = VectorMath.MaxAtomNorm(forces);
            if (_options.ClimbingImage && !climbing && (fmax <= _options.Band.ForceTolerance || step >= _options.ClimbAfterSteps))
            {
                climbing = true;
                forces = BandForces(results, climbing);
                fmax = VectorMath.MaxAtomNorm(forces);
            }

            int highest = HighestImage();
            progress?.Report(new OptimizationProgress(step, _energies[highest], fmax));
            var exit = fmax <= _options.Band.ForceTolerance ? OptimizationExitReason.Converged
                : step >= _options.Band.MaxSteps ? OptimizationExitReason.MaxSteps
                : (OptimizationExitReason?)null;
            last = new NebResult
            {
                Images = [.. _band],
                Energies = [.. _energies],
                SaddleIndex = highest,
                Climbing = climbing,
                Steps = step,
                Evaluations = (step + 1) * Movable,
                MaxForce = fmax,
                ExitReason = exit ?? OptimizationExitReason.MaxSteps,
            };
            if (exit is not null)
            {
                return last;
            }

            var x = images.SelectMany(s => s.Positions).ToArray();
            var dr = rule.Step(x, forces);
            for (int i = 0; i < Movable; i++)
            {
                var p = new double[_dim];
                for (int k = 0; k < _dim; k++)
                {
                    p[k] = x[i * _dim + k] + (_frozen[k] ? 0 : dr[i * _dim + k]);
                }

                if (!p.All(double.IsFinite))
                {
                    return last with { ExitReason = OptimizationExitReason.NonFinite };
                }

                _band[i + 1] = _band[i + 1].WithPositions(p);
            }
        }
    }

    private int HighestImage()
    {
        int best = 1;
        for (int i = 2; i <= Movable; i++)
        {
            if (_energies[i] > _energies[best])
            {
                best = i;
            }
        }

        return best;
    }

    // Band forces of the movable images, concatenated (Movable × 3N), frozen components 0.
    private double[] BandForces(IReadOnlyList<PotentialResult> results, bool climbing)
    {
        int climber = climbing ? HighestImage() : -1;
        var all = new double[Movable * _dim];
        for (int i = 1; i <= Movable; i++)
        {
            var (tangent, springStretch) = Tangent(i);
            var f = results[i - 1].Forces;
            double along = 0;
            for (int k = 0; k < _dim; k++)
            {
                along += _frozen[k] ? 0 : f[k] * tangent[k];
            }

            int offset = (i - 1) * _dim;
            for (int k = 0; k < _dim; k++)
            {
                double fk = _frozen[k] ? 0 : f[k];
                all[offset + k] = _frozen[k] ? 0
                    : i == climber ? fk - 2 * along * tangent[k]
                    : fk - along * tangent[k] + _options.SpringConstant * springStretch * tangent[k];
            }
        }

        return all;
    }

    // Improved tangent (unit vector) at image i, and |R_{i+1} − R_i| − |R_i − R_{i−1}| (Å).
    private (double[] Tangent, double Stretch) Tangent(int i)
    {
        var prev = _band[i - 1].Positions;
        var here = _band[i].Positions;
        var next = _band[i + 1].Positions;
        var plus = new double[_dim];
        var minus = new double[_dim];
        for (int k = 0; k < _dim; k++)
        {
            plus[k] = next[k] - here[k];
            minus[k] = here[k] - prev[k];
        }

        double eMinus = _energies[i - 1], e = _energies[i], ePlus = _energies[i + 1];
        double wPlus, wMinus;
        if (ePlus > e && e > eMinus)
        {
            (wPlus, wMinus) = (1, 0);
        }
        else if (ePlus < e && e < eMinus)
        {
            (wPlus, wMinus) = (0, 1);
        }
        else
        {
            double dMax = Math.Max(Math.Abs(ePlus - e), Math.Abs(eMinus - e));
            double dMin = Math.Min(Math.Abs(ePlus - e), Math.Abs(eMinus - e));
            (wPlus, wMinus) = ePlus > eMinus ? (dMax, dMin) : (dMin, dMax);
            if (wPlus == 0 && wMinus == 0)
            {
                (wPlus, wMinus) = (1, 1); // flat: the bisector
            }
        }

        var tangent = new double[_dim];
        for (int k = 0; k < _dim; k++)
        {
            tangent[k] = wPlus * plus[k] + wMinus * minus[k];
        }

        double norm = VectorMath.Norm(tangent);
        for (int k = 0; k < _dim && norm > 0; k++)
        {
            tangent[k] /= norm;
        }

        return (tangent, VectorMath.Norm(plus) - VectorMath.Norm(minus));
    }
}
