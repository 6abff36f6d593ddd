using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Potentials;

/// <summary>Shared checks and seeded geometry generators for the potential conformance tests.</summary>
internal static class PotentialTestKit
{
    /// <summary>Finite-difference step (Å).</summary>
    public const double Step = 1e-5;

    /// <summary>Relative tolerance of the force check.</summary>
    public const double RelativeTolerance = 1e-6;

    /// <summary>
    /// Asserts that every force component of every movable or frozen coordinate equals −∂E/∂x by central
    /// finite differences: |F_fd − F| ≤ tol · max(1, max|F|).
    /// </summary>
    public static void AssertForcesAreNegativeGradient(IPotential potential, AtomicStructure structure)
    {
        var forces = potential.Compute(structure).Forces;
        double scale = Math.Max(1, forces.Max(Math.Abs));
        var p = structure.Positions.ToArray();
        for (int k = 0; k < p.Length; k++)
        {
            double x = p[k];
            p[k] = x + Step;
            double ePlus = potential.Compute(structure.WithPositions(p)).Energy;
            p[k] = x - Step;
            double eMinus = potential.Compute(structure.WithPositions(p)).Energy;
            p[k] = x;
            double fd = -(ePlus - eMinus) / (2 * Step);
            Assert.True(
                Math.Abs(fd - forces[k]) <= RelativeTolerance * scale,
                $"{potential.Name}: component {k} (atom {k / 3}, {"xyz"[k % 3]}): analytic force {forces[k]:R}, finite difference {fd:R}, scale {scale:G4}.");
        }
    }

    /// <summary>Asserts two flat arrays agree component-wise within an absolute tolerance.</summary>
    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int k = 0; k < expected.Count; k++)
        {
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance, $"{what}[{k}]: expected {expected[k]:R}, found {actual[k]:R}.");
        }
    }

    /// <summary>
    /// N atoms placed one by one uniformly in a ball of radius <paramref name="radius"/>, rejecting a trial
    /// closer than <paramref name="minDistance"/> to any earlier atom (or its minimum image in <paramref name="cell"/>).
    /// </summary>
    public static AtomicStructure RandomStructure(int n, double radius, double minDistance, int seed, UnitCell? cell = null)
    {
        var rng = new Random(seed);
        var p = new List<double>(3 * n);
        for (int attempts = 0; p.Count < 3 * n; attempts++)
        {
            Assert.True(attempts < 100_000, "Could not place atoms; loosen the generator.");
            double x, y, z;
            do
            {
                x = radius * (2 * rng.NextDouble() - 1);
                y = radius * (2 * rng.NextDouble() - 1);
                z = radius * (2 * rng.NextDouble() - 1);
            }
            while (x * x + y * y + z * z > radius * radius);

            bool ok = true;
            for (int j = 0; j < p.Count && ok; j += 3)
            {
                double dx = x - p[j], dy = y - p[j + 1], dz = z - p[j + 2];
                if (cell is not null)
                {
                    (dx, dy, dz) = Geometry.MinimumImage(cell, dx, dy, dz);
                }

                ok = dx * dx + dy * dy + dz * dz >= minDistance * minDistance;
            }

            if (ok)
            {
                p.AddRange([x, y, z]);
            }
        }

        return new AtomicStructure(Enumerable.Repeat(18, n).ToArray(), p, cell);
    }

    /// <summary>A random orthogonal 3×3 matrix (row-major), a reflection when <paramref name="reflect"/>.</summary>
    public static double[] RandomOrthogonal(int seed, bool reflect)
    {
        var rng = new Random(seed);
        var q = new double[9];
        for (int i = 0; i < 9; i++)
        {
            q[i] = 2 * rng.NextDouble() - 1;
        }

        // Gram–Schmidt on the rows.
        for (int r = 0; r < 3; r++)
        {
            for (int s = 0; s < r; s++)
            {
                double dot = q[3 * r] * q[3 * s] + q[3 * r + 1] * q[3 * s + 1] + q[3 * r + 2] * q[3 * s + 2];
                for (int c = 0; c < 3; c++)
                {
                    q[3 * r + c] -= dot * q[3 * s + c];
                }
            }

            double norm = Math.Sqrt(q[3 * r] * q[3 * r] + q[3 * r + 1] * q[3 * r + 1] + q[3 * r + 2] * q[3 * r + 2]);
            for (int c = 0; c < 3; c++)
            {
                q[3 * r + c] /= norm;
            }
        }

        double det = q[0] * (q[4] * q[8] - q[5] * q[7]) - q[1] * (q[3] * q[8] - q[5] * q[6]) + q[2] * (q[3] * q[7] - q[4] * q[6]);
        if ((det < 0) != reflect)
        {
            for (int c = 0; c < 3; c++)
            {
                q[6 + c] = -q[6 + c];
            }
        }

        return q;
    }

    /// <summary>Applies a 3×3 matrix (row-major) to every row vector of a flat N×3 array: v' = Q v.</summary>
    public static double[] Rotate(IReadOnlyList<double> flat, double[] q)
    {
        var result = new double[flat.Count];
        for (int a = 0; a < flat.Count; a += 3)
        {
            for (int r = 0; r < 3; r++)
            {
                result[a + r] = q[3 * r] * flat[a] + q[3 * r + 1] * flat[a + 1] + q[3 * r + 2] * flat[a + 2];
            }
        }

        return result;
    }

    /// <summary>Every (name, seed) combination as theory data.</summary>
    public static TheoryData<string, int> Cross(string[] names, int[] seeds)
    {
        var data = new TheoryData<string, int>();
        foreach (var name in names)
        {
            foreach (int seed in seeds)
            {
                data.Add(name, seed);
            }
        }

        return data;
    }

    /// <summary>Bisection for the sign change of <paramref name="f"/> on [lo, hi] (f(lo) &gt; 0 ≥ f(hi)), to machine precision.</summary>
    public static double Bisect(Func<double, double> f, double lo, double hi)
    {
        Assert.True(f(lo) > 0 && f(hi) <= 0, "no sign change in the bracket");
        for (int i = 0; i < 100; i++)
        {
            double mid = 0.5 * (lo + hi);
            (lo, hi) = f(mid) > 0 ? (mid, hi) : (lo, mid);
        }

        return lo;
    }

    /// <summary>Newton's method on a 2D gradient with a finite-difference Hessian of that gradient.</summary>
    /// <returns>The stationary point and the Hessian determinant there (positive at a minimum, negative at a saddle).</returns>
    public static (double X, double Y, double HessianDeterminant, double HessianTrace) Newton2D(
        Func<double, double, (double Dx, double Dy)> gradient, double x, double y)
    {
        const double h = 1e-6;
        double hxx = 0, hxy = 0, hyy = 0;
        for (int iteration = 0; iteration < 100; iteration++)
        {
            var (gx, gy) = gradient(x, y);
            var (gxp, gyp) = gradient(x + h, y);
            var (gxm, gym) = gradient(x - h, y);
            var (gxq, gyq) = gradient(x, y + h);
            var (gxn, gyn) = gradient(x, y - h);
            hxx = (gxp - gxm) / (2 * h);
            hyy = (gyq - gyn) / (2 * h);
            hxy = 0.5 * ((gyp - gym) / (2 * h) + (gxq - gxn) / (2 * h));
            double det = hxx * hyy - hxy * hxy;
            double sx = (hyy * gx - hxy * gy) / det, sy = (hxx * gy - hxy * gx) / det;
            x -= sx;
            y -= sy;
            if (Math.Abs(sx) + Math.Abs(sy) < 1e-13)
            {
                break;
            }
        }

        var (fx, fy) = gradient(x, y);
        Assert.True(Math.Abs(fx) + Math.Abs(fy) < 1e-8, $"Newton did not converge: gradient ({fx:R}, {fy:R}) at ({x:R}, {y:R}).");
        return (x, y, hxx * hyy - hxy * hxy, hxx + hyy);
    }
}
