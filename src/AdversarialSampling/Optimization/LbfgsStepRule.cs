namespace AdversarialSampling.Optimization;

/// <summary>
/// L-BFGS close to ASE's <c>ase.optimize.LBFGS</c> (two-loop recursion, no line search, step scaled so that no atom
/// moves more than the maximum step) but with the initial inverse Hessian rescaled every step by s·y / y·y
/// (Nocedal and Wright, eq. 7.20), and made robust: a pair with non-positive curvature s·y, or a direction that is not
/// downhill, clears the memory (the step then follows the force).
/// </summary>
internal sealed class LbfgsStepRule(LbfgsOptions options) : IStepRule
{
    private readonly List<(double[] S, double[] Y, double Rho)> _history = [];
    private double[]? _x0;
    private double[]? _f0;

    public double[] Step(double[] x, double[] forces)
    {
        if (_x0 is not null && _f0 is not null)
        {
            var s = new double[x.Length];
            var y = new double[x.Length];
            for (int k = 0; k < x.Length; k++)
            {
                s[k] = x[k] - _x0[k];
                y[k] = _f0[k] - forces[k];
            }

            double sy = VectorMath.Dot(s, y);
            if (sy > 1e-14 * VectorMath.Norm(s) * VectorMath.Norm(y) && sy > 0)
            {
                _history.Add((s, y, 1 / sy));
                if (_history.Count > options.Memory)
                {
                    _history.RemoveAt(0);
                }
            }
            else
            {
                _history.Clear();
            }
        }

        var p = Direction(forces);
        if (VectorMath.Dot(p, forces) <= 0)
        {
            _history.Clear();
            p = Direction(forces);
        }

        double longest = VectorMath.MaxAtomNorm(p);
        if (longest > options.MaxStep)
        {
            for (int k = 0; k < p.Length; k++)
            {
                p[k] *= options.MaxStep / longest;
            }
        }

        _x0 = (double[])x.Clone();
        _f0 = (double[])forces.Clone();
        return p;
    }

    // −H·g with g = −forces (the downhill direction).
    private double[] Direction(double[] forces)
    {
        var q = new double[forces.Length];
        for (int k = 0; k < q.Length; k++)
        {
            q[k] = -forces[k];
        }

        var a = new double[_history.Count];
        for (int i = _history.Count - 1; i >= 0; i--)
        {
            var (s, y, rho) = _history[i];
            a[i] = rho * VectorMath.Dot(s, q);
            for (int k = 0; k < q.Length; k++)
            {
                q[k] -= a[i] * y[k];
            }
        }

        // Initial inverse Hessian: 1/InitialCurvature at first, then the usual scaling s·y / y·y of the newest pair.
        double h0 = 1 / options.InitialCurvature;
        if (_history.Count > 0)
        {
            var (s, y, _) = _history[^1];
            h0 = VectorMath.Dot(s, y) / VectorMath.Dot(y, y);
        }

        for (int k = 0; k < q.Length; k++)
        {
            q[k] *= h0;
        }

        for (int i = 0; i < _history.Count; i++)
        {
            var (s, y, rho) = _history[i];
            double b = rho * VectorMath.Dot(y, q);
            for (int k = 0; k < q.Length; k++)
            {
                q[k] += s[k] * (a[i] - b);
            }
        }

        for (int k = 0; k < q.Length; k++)
        {
            q[k] = -q[k];
        }

        return q;
    }
}
