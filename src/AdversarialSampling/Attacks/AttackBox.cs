using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Attacks;

/// <summary>
/// An axis-aligned region (Å) that attacked atoms may not leave: every free Cartesian component of every
/// atom is clamped into [min, max] of its axis after each step (frozen components never move, even when
/// outside). Use ±∞ for an unbounded side, e.g. <c>AttackBox.Xy(-1.2, 1.2, -1.2, 1.2)</c> for the 2D double
/// well's reference square with z unbounded. A seed outside the box is pulled into it by the first step.
/// </summary>
/// <param name="XMin">Lower x bound (Å).</param>
/// <param name="XMax">Upper x bound (Å).</param>
/// <param name="YMin">Lower y bound (Å).</param>
/// <param name="YMax">Upper y bound (Å).</param>
/// <param name="ZMin">Lower z bound (Å).</param>
/// <param name="ZMax">Upper z bound (Å).</param>
public sealed record AttackBox(double XMin, double XMax, double YMin, double YMax, double ZMin, double ZMax)
{
    /// <summary>A box bounding x and y only (z unbounded).</summary>
    /// <param name="xMin">Lower x bound (Å).</param>
    /// <param name="xMax">Upper x bound (Å).</param>
    /// <param name="yMin">Lower y bound (Å).</param>
    /// <param name="yMax">Upper y bound (Å).</param>
    /// <returns>The box.</returns>
    public static AttackBox Xy(double xMin, double xMax, double yMin, double yMax)
        => new(xMin, xMax, yMin, yMax, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>
    /// The bounding box of every atom of the structures, each side moved outward by <paramref name="margin"/>.
    /// </summary>
    /// <param name="structures">Structures (at least one atom in total).</param>
    /// <param name="margin">Margin (Å, ≥ 0) added on every side.</param>
    /// <returns>The box.</returns>
    /// <exception cref="ArgumentException">No atoms, or a negative margin.</exception>
    public static AttackBox BoundingBox(IEnumerable<AtomicStructure> structures, double margin = 0)
    {
        ArgumentNullException.ThrowIfNull(structures);
        if (!(margin >= 0))
        {
            throw new ArgumentException($"The margin must be ≥ 0 Å; found {margin.ToString(CultureInfo.InvariantCulture)}.", nameof(margin));
        }

        Span<double> lo = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity];
        Span<double> hi = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity];
        foreach (var s in structures)
        {
            for (int k = 0; k < s.Positions.Length; k++)
            {
                lo[k % 3] = Math.Min(lo[k % 3], s.Positions[k]);
                hi[k % 3] = Math.Max(hi[k % 3], s.Positions[k]);
            }
        }

        if (lo[0] > hi[0])
        {
            throw new ArgumentException("A bounding box needs at least one atom.", nameof(structures));
        }

        return new(lo[0] - margin, hi[0] + margin, lo[1] - margin, hi[1] + margin, lo[2] - margin, hi[2] + margin);
    }

    /// <summary>Lower bound of axis 0 (x), 1 (y) or 2 (z) (Å).</summary>
    /// <param name="axis">0, 1 or 2.</param>
    /// <returns>The bound.</returns>
    public double Min(int axis) => axis switch { 0 => XMin, 1 => YMin, 2 => ZMin, _ => throw new ArgumentOutOfRangeException(nameof(axis)) };

    /// <summary>Upper bound of axis 0 (x), 1 (y) or 2 (z) (Å).</summary>
    /// <param name="axis">0, 1 or 2.</param>
    /// <returns>The bound.</returns>
    public double Max(int axis) => axis switch { 0 => XMax, 1 => YMax, 2 => ZMax, _ => throw new ArgumentOutOfRangeException(nameof(axis)) };

    /// <summary>True if the point lies inside the box (bounds included).</summary>
    /// <param name="x">x (Å).</param>
    /// <param name="y">y (Å).</param>
    /// <param name="z">z (Å).</param>
    /// <returns>Whether it is inside.</returns>
    public bool Contains(double x, double y, double z)
        => x >= XMin && x <= XMax && y >= YMin && y <= YMax && z >= ZMin && z <= ZMax;

    /// <summary>True if every atom of the structure lies inside the box.</summary>
    /// <param name="structure">The structure.</param>
    /// <returns>Whether every atom is inside.</returns>
    public bool Contains(AtomicStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        return Enumerable.Range(0, structure.AtomCount).All(i => Contains(structure.Positions[3 * i], structure.Positions[(3 * i) + 1], structure.Positions[(3 * i) + 2]));
    }

    /// <summary>Problems with the bounds (empty when valid): NaN, or a minimum above its maximum.</summary>
    /// <param name="prefix">Prefix of every message (the option's name).</param>
    /// <returns>Messages.</returns>
    public IReadOnlyList<string> Validate(string prefix = "Box")
    {
        var problems = new List<string>();
        for (int axis = 0; axis < 3; axis++)
        {
            char name = "xyz"[axis];
            if (double.IsNaN(Min(axis)) || double.IsNaN(Max(axis)) || Min(axis) > Max(axis) || double.IsPositiveInfinity(Min(axis)) || double.IsNegativeInfinity(Max(axis)))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}: the {name} range [{Min(axis)}, {Max(axis)}] Å is empty or not a number."));
            }
        }

        return problems;
    }
}
