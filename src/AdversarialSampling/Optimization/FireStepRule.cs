namespace AdversarialSampling.Optimization;

/// <summary>FIRE as in ASE's <c>ase.optimize.FIRE</c> (unit masses, no downhill check).</summary>
internal sealed class FireStepRule(FireOptions options) : IStepRule
{
    private double[]? _v;
    private double _dt = options.InitialTimeStep;
    private double _alpha = options.InitialMixing;
    private int _downhill;

    public double[] Step(double[] x, double[] forces)
    {
        if (_v is null)
        {
            _v = new double[forces.Length];
        }
        else
        {
            double vf = VectorMath.Dot(forces, _v);
            if (vf > 0)
            {
                double fNorm = VectorMath.Norm(forces), vNorm = VectorMath.Norm(_v);
                for (int k = 0; k < _v.Length; k++)
                {
                    _v[k] = (1 - _alpha) * _v[k] + (fNorm > 0 ? _alpha * forces[k] / fNorm * vNorm : 0);
                }

                if (_downhill > options.MinDownhillSteps)
                {
                    _dt = Math.Min(_dt * options.TimeStepIncrease, options.MaxTimeStep);
                    _alpha *= options.MixingDecay;
                }

                _downhill++;
            }
            else
            {
                Array.Clear(_v);
                _alpha = options.InitialMixing;
                _dt *= options.TimeStepDecrease;
                _downhill = 0;
            }
        }

        var dr = new double[forces.Length];
        for (int k = 0; k < _v.Length; k++)
        {
            _v[k] += _dt * forces[k];
            dr[k] = _dt * _v[k];
        }

        double norm = VectorMath.Norm(dr);
        if (norm > options.MaxStep)
        {
            for (int k = 0; k < dr.Length; k++)
            {
                dr[k] *= options.MaxStep / norm;
            }
        }

        return dr;
    }
}
