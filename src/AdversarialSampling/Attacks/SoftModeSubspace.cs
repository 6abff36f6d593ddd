using AdversarialSampling.Structures;
using MathNet.Numerics.LinearAlgebra;
using static TorchSharp.torch;

namespace AdversarialSampling.Attacks;

/// <summary>
/// For each structure of an attack batch, an orthonormal basis of its softest internal modes: the eigenvectors with
/// the lowest eigenvalues of the committee-mean energy's Hessian at the seed geometry (eV/Å², by central differences of
/// the committee-mean forces), after removing rigid-body motion. Used by <see cref="GradientAttackOptions.SoftModes"/>
/// to keep the ascent on the collective motions that molecular dynamics follows, instead of the stiff bond stretches
/// where a committee's uncertainty usually grows fastest.
/// </summary>
/// <remarks>
/// Only free components enter (frozen ones stay zero in every basis vector). Rigid-body motion is removed when the
/// structure has two or more atoms and no frozen component: the three translations, and for a non-periodic structure
/// the rotations about its centroid (a linear molecule has two). A one-particle model surface keeps all its coordinates.
/// Negative eigenvalues (a seed away from a minimum) count as the softest.
/// </remarks>
internal sealed class SoftModeSubspace
{
    /// <summary>Finite-difference step of the Hessian (Å): small against vibrational amplitudes, large against float32 noise.</summary>
    public const double FiniteDifferenceStep = 5e-3;

    private readonly double[][] _bases; // per structure: row-major [3N, k_b] over all components of the structure
    private readonly int[] _modeCounts;
    private readonly int[] _componentOffsets;
    private readonly ScalarType _dtype;

    private SoftModeSubspace(double[][] bases, int[] modeCounts, int[] componentOffsets, ScalarType dtype)
    {
        _bases = bases;
        _modeCounts = modeCounts;
        _componentOffsets = componentOffsets;
        _dtype = dtype;
    }

    /// <summary>The Hessian eigenvalues (eV/Å²) of the kept modes, per structure, lowest first (for tests and logs).</summary>
    public IReadOnlyList<double[]> Eigenvalues { get; private init; } = [];

    /// <summary>Computes the subspaces of every structure of the batch (2 × 3·N_max committee evaluations of the batch).</summary>
    /// <param name="ab">The batch, at its seed geometries.</param>
    /// <param name="modes">Modes to keep per structure (≥ 1; fewer when the structure has fewer internal degrees of freedom).</param>
    /// <returns>The subspaces.</returns>
    public static SoftModeSubspace Compute(AttackBatch ab, int modes)
    {
        int count = ab.Count;
        var offsets = new int[count + 1];
        for (int b = 0; b <= count; b++)
        {
            offsets[b] = 3 * ab.Batch.AtomOffsets[b];
        }

        int maxComponents = Enumerable.Range(0, count).Max(b => offsets[b + 1] - offsets[b]);
        var hessians = Enumerable.Range(0, count).Select(b => new double[(offsets[b + 1] - offsets[b]) * (offsets[b + 1] - offsets[b])]).ToArray();
        int total = offsets[count];
        for (int c = 0; c < maxComponents; c++)
        {
            var plus = ab.MeanForces(Displacement(c, +FiniteDifferenceStep));
            var minus = ab.MeanForces(Displacement(c, -FiniteDifferenceStep));
            for (int b = 0; b < count; b++)
            {
                int n = offsets[b + 1] - offsets[b];
                if (c >= n)
                {
                    continue;
                }

                for (int r = 0; r < n; r++)
                {
                    // H[r, c] = ∂²E/∂x_r∂x_c = −∂F_r/∂x_c.
                    hessians[b][(r * n) + c] = -(plus[offsets[b] + r] - minus[offsets[b] + r]) / (2 * FiniteDifferenceStep);
                }
            }
        }

        var bases = new double[count][];
        var kept = new int[count];
        var eigenvalues = new double[count][];
        for (int b = 0; b < count; b++)
        {
            (bases[b], kept[b], eigenvalues[b]) = Softest(ab.Structures[b], hessians[b], modes);
        }

        return new SoftModeSubspace(bases, kept, offsets, ab.X0.dtype) { Eigenvalues = eigenvalues };

        double[] Displacement(int component, double h)
        {
            var d = new double[total];
            for (int b = 0; b < count; b++)
            {
                if (component < offsets[b + 1] - offsets[b])
                {
                    d[offsets[b] + component] = h;
                }
            }

            return d;
        }
    }

    /// <summary>Replaces each structure's rows of <paramref name="t"/> by their projection on its subspace, in place.</summary>
    /// <param name="t">A displacement-like tensor [A, 3] of the batch (no gradient).</param>
    public void Project(Tensor t)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = AttackBatch.ToArray(t);
        for (int b = 0; b < _bases.Length; b++)
        {
            int n = _componentOffsets[b + 1] - _componentOffsets[b], k = _modeCounts[b], o = _componentOffsets[b];
            var basis = _bases[b];
            var coefficients = new double[k];
            for (int r = 0; r < n; r++)
            {
                for (int j = 0; j < k; j++)
                {
                    coefficients[j] += basis[(r * k) + j] * x[o + r];
                }
            }

            for (int r = 0; r < n; r++)
            {
                double value = 0;
                for (int j = 0; j < k; j++)
                {
                    value += basis[(r * k) + j] * coefficients[j];
                }

                x[o + r] = value;
            }
        }

        t.copy_(tensor(x, t.shape, ScalarType.Float64).to_type(_dtype));
    }

    private static (double[] Basis, int Kept, double[] Eigenvalues) Softest(AtomicStructure structure, double[] hessian, int modes)
    {
        int n = 3 * structure.AtomCount;
        var frozen = structure.FrozenMask();
        int[] free = [.. Enumerable.Range(0, n).Where(i => !frozen[i])];
        var h = Matrix<double>.Build.Dense(free.Length, free.Length, (i, j) => 0.5 * (hessian[(free[i] * n) + free[j]] + hessian[(free[j] * n) + free[i]]));
        var internalSpace = InternalSpace(structure, free);
        int kept = Math.Min(modes, internalSpace.ColumnCount);
        var basis = new double[n * kept];
        if (kept == 0)
        {
            return (basis, 0, []);
        }

        var evd = (internalSpace.Transpose() * h * internalSpace).Evd(Symmetricity.Symmetric);
        int[] order = [.. Enumerable.Range(0, internalSpace.ColumnCount).OrderBy(i => evd.EigenValues[i].Real)];
        var vectors = internalSpace * evd.EigenVectors;
        for (int j = 0; j < kept; j++)
        {
            for (int i = 0; i < free.Length; i++)
            {
                basis[(free[i] * kept) + j] = vectors[i, order[j]];
            }
        }

        return (basis, kept, [.. order.Take(kept).Select(i => evd.EigenValues[i].Real)]);
    }

    /// <summary>An orthonormal basis [free, d] of the free components' space without rigid-body motion (see the remarks).</summary>
    private static Matrix<double> InternalSpace(AtomicStructure structure, int[] free)
    {
        int atoms = structure.AtomCount;
        var identity = Matrix<double>.Build.DenseIdentity(free.Length);
        if (atoms < 2 || free.Length < 3 * atoms)
        {
            return identity;
        }

        var rigid = new List<double[]>();
        for (int axis = 0; axis < 3; axis++)
        {
            var t = new double[3 * atoms];
            for (int a = 0; a < atoms; a++)
            {
                t[(3 * a) + axis] = 1;
            }

            rigid.Add(t);
        }

        if (structure.Cell is null)
        {
            var p = structure.Positions;
            double[] centroid = [.. Enumerable.Range(0, 3).Select(k => Enumerable.Range(0, atoms).Average(a => p[(3 * a) + k]))];
            for (int axis = 0; axis < 3; axis++)
            {
                var r = new double[3 * atoms];
                for (int a = 0; a < atoms; a++)
                {
                    double x = p[3 * a] - centroid[0], y = p[(3 * a) + 1] - centroid[1], z = p[(3 * a) + 2] - centroid[2];
                    (r[3 * a], r[(3 * a) + 1], r[(3 * a) + 2]) = axis switch
                    {
                        0 => (0.0, -z, y),  // e_x × (x, y, z)
                        1 => (z, 0.0, -x),  // e_y × (x, y, z)
                        _ => (-y, x, 0.0),  // e_z × (x, y, z)
                    };
                }

                rigid.Add(r);
            }
        }

        // Gram–Schmidt; a rotation about a linear molecule's axis vanishes and is dropped.
        var orthonormal = new List<Vector<double>>();
        foreach (var raw in rigid)
        {
            var v = Vector<double>.Build.DenseOfArray(raw);
            double scale = v.L2Norm();
            foreach (var q in orthonormal)
            {
                v -= q.DotProduct(v) * q;
            }

            double norm = v.L2Norm();
            if (scale > 0 && norm > 1e-8 * scale)
            {
                orthonormal.Add(v / norm);
            }
        }

        var projector = identity.Clone();
        foreach (var q in orthonormal)
        {
            projector -= q.OuterProduct(q);
        }

        var evd = projector.Evd(Symmetricity.Symmetric);
        int[] columns = [.. Enumerable.Range(0, free.Length).Where(i => evd.EigenValues[i].Real > 0.5)];
        return Matrix<double>.Build.Dense(free.Length, columns.Length, (i, j) => evd.EigenVectors[i, columns[j]]);
    }
}
