using System.Collections.Immutable;
using System.Globalization;

namespace AdversarialSampling.Structures;

/// <summary>
/// A simulation cell: three lattice vectors (rows of a 3×3 matrix, Å) and the periodicity of each axis,
/// as ASE's <c>Atoms.cell</c> and <c>Atoms.pbc</c>. Immutable.
/// </summary>
public sealed class UnitCell : IEquatable<UnitCell>
{
    /// <summary>Smallest accepted absolute determinant (Å³) before a cell counts as singular.</summary>
    public const double SingularVolumeThreshold = 1e-10;

    /// <summary>Creates a cell from its lattice vectors.</summary>
    /// <param name="vectors">Row-major 3×3 matrix (9 values, Å): a = [0..2], b = [3..5], c = [6..8].</param>
    /// <param name="periodic">Periodicity of the three axes (length 3); default all periodic.</param>
    /// <exception cref="ArgumentException">Wrong lengths, non-finite entries or a singular matrix.</exception>
    public UnitCell(IReadOnlyList<double> vectors, IReadOnlyList<bool>? periodic = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count != 9)
        {
            throw new ArgumentException($"Cell vectors must have 9 values (3×3, Å); found {vectors.Count}.", nameof(vectors));
        }

        for (int i = 0; i < 9; i++)
        {
            if (!double.IsFinite(vectors[i]))
            {
                throw new ArgumentException(
                    $"Cell vectors[{i}] (vector {i / 3}, component {"xyz"[i % 3]}) is not finite: {vectors[i].ToString(CultureInfo.InvariantCulture)}.",
                    nameof(vectors));
            }
        }

        periodic ??= [true, true, true];
        if (periodic.Count != 3)
        {
            throw new ArgumentException($"Periodicity must have 3 values; found {periodic.Count}.", nameof(periodic));
        }

        Vectors = [.. vectors];
        Periodic = [.. periodic];
        Volume = Determinant(Vectors);
        if (Math.Abs(Volume) < SingularVolumeThreshold)
        {
            throw new ArgumentException(
                $"Cell is singular: determinant {Volume.ToString("G6", CultureInfo.InvariantCulture)} Å³ (vectors {string.Join(' ', Vectors.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))}).",
                nameof(vectors));
        }
    }

    /// <summary>Row-major lattice vectors (9 values, Å).</summary>
    public ImmutableArray<double> Vectors { get; }

    /// <summary>Periodicity of axes a, b, c (3 values).</summary>
    public ImmutableArray<bool> Periodic { get; }

    /// <summary>Signed cell volume (Å³), the determinant of <see cref="Vectors"/>.</summary>
    public double Volume { get; }

    /// <summary>True if at least one axis is periodic.</summary>
    public bool IsPeriodic => Periodic.Contains(true);

    /// <summary>An orthorhombic cell with edge lengths <paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/> (Å), periodic on all axes unless stated.</summary>
    /// <param name="a">Length along x (Å).</param>
    /// <param name="b">Length along y (Å).</param>
    /// <param name="c">Length along z (Å).</param>
    /// <param name="periodic">Periodicity (3 values); default all periodic.</param>
    /// <returns>The cell.</returns>
    public static UnitCell Orthorhombic(double a, double b, double c, IReadOnlyList<bool>? periodic = null)
        => new([a, 0, 0, 0, b, 0, 0, 0, c], periodic);

    /// <summary>The inverse of the lattice matrix (row-major, 1/Å): fractional = cartesian · inverse.</summary>
    /// <returns>9 values.</returns>
    public double[] Inverse()
    {
        var m = Vectors;
        double det = Volume;
        return
        [
            (m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            (m[5] * m[6] - m[3] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det,
        ];
    }

    /// <summary>
    /// Heights of the cell (Å): for each axis k, the distance between the two faces spanned by the other two
    /// vectors, i.e. 1 / |k-th reciprocal vector|. The minimum-image convention is exact for distances below
    /// half the smallest height of the periodic axes.
    /// </summary>
    /// <returns>3 values (Å), for axes a, b, c.</returns>
    public double[] Heights()
    {
        var inv = Inverse();
        var h = new double[3];
        for (int k = 0; k < 3; k++)
        {
            h[k] = 1 / Math.Sqrt(inv[k] * inv[k] + inv[3 + k] * inv[3 + k] + inv[6 + k] * inv[6 + k]);
        }

        return h;
    }

    /// <inheritdoc />
    public bool Equals(UnitCell? other)
        => other is not null && Vectors.SequenceEqual(other.Vectors) && Periodic.SequenceEqual(other.Periodic);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as UnitCell);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var v in Vectors)
        {
            h.Add(v);
        }

        foreach (var p in Periodic)
        {
            h.Add(p);
        }

        return h.ToHashCode();
    }

    private static double Determinant(ImmutableArray<double> m)
        => m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
}
