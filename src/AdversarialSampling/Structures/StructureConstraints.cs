using System.Collections.Immutable;

namespace AdversarialSampling.Structures;

/// <summary>
/// Constraints carried with a structure: fully fixed atoms (ASE <c>FixAtoms</c>) and fixed Cartesian
/// components (ASE <c>FixCartesian</c>). Attacks, dynamics and optimisers never move a frozen component.
/// Immutable.
/// </summary>
public sealed class StructureConstraints : IEquatable<StructureConstraints>
{
    /// <summary>No constraints.</summary>
    public static StructureConstraints None { get; } = new([], []);

    /// <summary>Creates constraints.</summary>
    /// <param name="fixedAtoms">Zero-based indices of fully fixed atoms (duplicates are merged; stored sorted).</param>
    /// <param name="fixedCartesian">Per-atom fixed components.</param>
    public StructureConstraints(IEnumerable<int>? fixedAtoms = null, IEnumerable<FixedCartesian>? fixedCartesian = null)
    {
        var atoms = (fixedAtoms ?? []).ToArray();
        var cartesian = (fixedCartesian ?? []).ToArray();
        for (int i = 0; i < atoms.Length; i++)
        {
            if (atoms[i] < 0)
            {
                throw new ArgumentException($"FixedAtoms[{i}] = {atoms[i]} is a negative atom index.", nameof(fixedAtoms));
            }
        }

        for (int i = 0; i < cartesian.Length; i++)
        {
            if (cartesian[i].Atom < 0)
            {
                throw new ArgumentException($"FixedCartesian[{i}].Atom = {cartesian[i].Atom} is a negative atom index.", nameof(fixedCartesian));
            }
        }

        FixedAtoms = [.. atoms.Distinct().Order()];
        FixedCartesian = [.. cartesian.OrderBy(f => f.Atom)];
    }

    /// <summary>Sorted zero-based indices of fully fixed atoms.</summary>
    public ImmutableArray<int> FixedAtoms { get; }

    /// <summary>Fixed Cartesian components, sorted by atom.</summary>
    public ImmutableArray<FixedCartesian> FixedCartesian { get; }

    /// <summary>True if nothing is constrained.</summary>
    public bool IsEmpty => FixedAtoms.IsEmpty && FixedCartesian.All(f => !f.X && !f.Y && !f.Z);

    /// <summary>Constraints that fix the given Cartesian axes (0 = x, 1 = y, 2 = z) of every atom, e.g. z of a 2D toy surface.</summary>
    /// <param name="atomCount">Number of atoms.</param>
    /// <param name="x">Freeze x.</param>
    /// <param name="y">Freeze y.</param>
    /// <param name="z">Freeze z.</param>
    /// <returns>The constraints.</returns>
    public static StructureConstraints FixAxes(int atomCount, bool x, bool y, bool z)
        => new(null, Enumerable.Range(0, atomCount).Select(i => new FixedCartesian(i, x, y, z)));

    /// <summary>
    /// The frozen mask of every Cartesian component: flat row-major N×3, true where the component may not move.
    /// </summary>
    /// <param name="atomCount">Number of atoms N.</param>
    /// <returns>3N booleans.</returns>
    public bool[] FrozenMask(int atomCount)
    {
        var mask = new bool[atomCount * 3];
        foreach (int a in FixedAtoms)
        {
            if (a < atomCount)
            {
                mask[3 * a] = mask[3 * a + 1] = mask[3 * a + 2] = true;
            }
        }

        foreach (var f in FixedCartesian)
        {
            if (f.Atom < atomCount)
            {
                mask[3 * f.Atom] |= f.X;
                mask[3 * f.Atom + 1] |= f.Y;
                mask[3 * f.Atom + 2] |= f.Z;
            }
        }

        return mask;
    }

    /// <summary>Throws if any index is outside [0, <paramref name="atomCount"/>).</summary>
    /// <param name="atomCount">Number of atoms.</param>
    /// <param name="paramName">Parameter name reported in the exception.</param>
    internal void Validate(int atomCount, string paramName)
    {
        foreach (int a in FixedAtoms)
        {
            if (a >= atomCount)
            {
                throw new ArgumentException($"Constraints: FixedAtoms index {a} is out of range for {atomCount} atoms (0..{atomCount - 1}).", paramName);
            }
        }

        foreach (var f in FixedCartesian)
        {
            if (f.Atom >= atomCount)
            {
                throw new ArgumentException($"Constraints: FixedCartesian atom index {f.Atom} is out of range for {atomCount} atoms (0..{atomCount - 1}).", paramName);
            }
        }
    }

    /// <inheritdoc />
    public bool Equals(StructureConstraints? other)
        => other is not null && FixedAtoms.SequenceEqual(other.FixedAtoms) && FixedCartesian.SequenceEqual(other.FixedCartesian);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StructureConstraints);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FixedAtoms.Length, FixedCartesian.Length);
}
