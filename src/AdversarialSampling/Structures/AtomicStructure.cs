using System.Collections.Immutable;
using System.Globalization;

namespace AdversarialSampling.Structures;

/// <summary>
/// An immutable atomic structure: atomic numbers, Cartesian positions (Å, flat row-major N×3 as in ASE and
/// extended XYZ), an optional cell with per-axis periodicity, and constraints.
/// Construction validates every field and names the offending field and index.
/// </summary>
public sealed class AtomicStructure
{
    private static readonly string[] HillFirst = ["C", "H"];

    /// <summary>Creates a structure.</summary>
    /// <param name="atomicNumbers">Atomic numbers Z (length N, 1..118).</param>
    /// <param name="positions">Cartesian positions, flat row-major N×3 (Å), all finite.</param>
    /// <param name="cell">Optional cell and periodicity; null means a finite system (no cell, not periodic).</param>
    /// <param name="constraints">Optional constraints; default none.</param>
    /// <exception cref="ArgumentException">Length mismatch, non-finite position, unknown element or constraint out of range.</exception>
    public AtomicStructure(
        IReadOnlyList<int> atomicNumbers,
        IReadOnlyList<double> positions,
        UnitCell? cell = null,
        StructureConstraints? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(atomicNumbers);
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count != atomicNumbers.Count * 3)
        {
            throw new ArgumentException(
                $"Positions must have 3 × {atomicNumbers.Count} = {atomicNumbers.Count * 3} values (flat N×3, Å) for {atomicNumbers.Count} atoms; found {positions.Count}.",
                nameof(positions));
        }

        for (int i = 0; i < atomicNumbers.Count; i++)
        {
            if (!Elements.IsKnown(atomicNumbers[i]))
            {
                throw new ArgumentException($"AtomicNumbers[{i}] = {atomicNumbers[i]} is not a known element (1..{Elements.Count}).", nameof(atomicNumbers));
            }
        }

        for (int i = 0; i < positions.Count; i++)
        {
            if (!double.IsFinite(positions[i]))
            {
                throw new ArgumentException(
                    $"Positions[{i}] (atom {i / 3}, component {"xyz"[i % 3]}) is not finite: {positions[i].ToString(CultureInfo.InvariantCulture)}.",
                    nameof(positions));
            }
        }

        constraints ??= StructureConstraints.None;
        constraints.Validate(atomicNumbers.Count, nameof(constraints));
        AtomicNumbers = [.. atomicNumbers];
        Positions = [.. positions];
        Cell = cell;
        Constraints = constraints;
    }

    /// <summary>Atomic numbers Z (length N).</summary>
    public ImmutableArray<int> AtomicNumbers { get; }

    /// <summary>Cartesian positions, flat row-major N×3 (Å).</summary>
    public ImmutableArray<double> Positions { get; }

    /// <summary>The cell and periodicity, or null for a finite system.</summary>
    public UnitCell? Cell { get; }

    /// <summary>Constraints (never null; <see cref="StructureConstraints.None"/> by default).</summary>
    public StructureConstraints Constraints { get; }

    /// <summary>Number of atoms N.</summary>
    public int AtomCount => AtomicNumbers.Length;

    /// <summary>True if the structure has a cell with at least one periodic axis.</summary>
    public bool IsPeriodic => Cell?.IsPeriodic ?? false;

    /// <summary>Creates a structure from chemical symbols.</summary>
    /// <param name="symbols">Element symbols (length N, e.g. "N", "H").</param>
    /// <param name="positions">Flat row-major N×3 positions (Å).</param>
    /// <param name="cell">Optional cell.</param>
    /// <param name="constraints">Optional constraints.</param>
    /// <returns>The structure.</returns>
    /// <exception cref="ArgumentException">Unknown symbol (named with its index) or invalid positions.</exception>
    public static AtomicStructure FromSymbols(
        IReadOnlyList<string> symbols,
        IReadOnlyList<double> positions,
        UnitCell? cell = null,
        StructureConstraints? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var z = new int[symbols.Count];
        for (int i = 0; i < z.Length; i++)
        {
            if (symbols[i] is null)
            {
                throw new ArgumentException($"Symbols[{i}] is null.", nameof(symbols));
            }

            if (!Elements.TryGetAtomicNumber(symbols[i], out z[i]))
            {
                throw new ArgumentException($"Symbols[{i}] = '{symbols[i]}' is not a known element symbol.", nameof(symbols));
            }
        }

        return new AtomicStructure(z, positions, cell, constraints);
    }

    /// <summary>Element symbols (length N).</summary>
    /// <returns>Symbols such as "N", "H".</returns>
    public string[] Symbols() => [.. AtomicNumbers.Select(Elements.Symbol)];

    /// <summary>Position of one atom (Å).</summary>
    /// <param name="atom">Zero-based atom index.</param>
    /// <returns>(x, y, z) in Å.</returns>
    public (double X, double Y, double Z) Position(int atom)
        => (Positions[3 * atom], Positions[3 * atom + 1], Positions[3 * atom + 2]);

    /// <summary>A copy with new positions; species, cell and constraints are kept.</summary>
    /// <param name="positions">Flat row-major N×3 positions (Å).</param>
    /// <returns>The new structure.</returns>
    public AtomicStructure WithPositions(IReadOnlyList<double> positions) => new(AtomicNumbers, positions, Cell, Constraints);

    /// <summary>A copy with other constraints.</summary>
    /// <param name="constraints">The constraints.</param>
    /// <returns>The new structure.</returns>
    public AtomicStructure WithConstraints(StructureConstraints constraints) => new(AtomicNumbers, Positions, Cell, constraints);

    /// <summary>A copy with another cell (or none).</summary>
    /// <param name="cell">The cell, or null.</param>
    /// <returns>The new structure.</returns>
    public AtomicStructure WithCell(UnitCell? cell) => new(AtomicNumbers, Positions, cell, Constraints);

    /// <summary>Frozen mask of every Cartesian component (3N, true = may not move).</summary>
    /// <returns>3N booleans.</returns>
    public bool[] FrozenMask() => Constraints.FrozenMask(AtomCount);

    /// <summary>Chemical formula in Hill order (C, H, then alphabetical; alphabetical without carbon), e.g. "H3N".</summary>
    /// <returns>The formula.</returns>
    public string Formula()
    {
        var counts = AtomicNumbers.GroupBy(z => z).ToDictionary(g => Elements.Symbol(g.Key), g => g.Count());
        IEnumerable<string> order = counts.ContainsKey("C")
            ? HillFirst.Where(counts.ContainsKey).Concat(counts.Keys.Where(s => s is not "C" and not "H").Order(StringComparer.Ordinal))
            : counts.Keys.Order(StringComparer.Ordinal);
        return string.Concat(order.Select(s => counts[s] == 1 ? s : s + counts[s].ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Distance between two atoms (Å), using the minimum image along periodic axes when a cell is set.</summary>
    /// <param name="i">First atom index.</param>
    /// <param name="j">Second atom index.</param>
    /// <returns>Distance in Å.</returns>
    public double Distance(int i, int j)
    {
        double dx = Positions[3 * j] - Positions[3 * i];
        double dy = Positions[3 * j + 1] - Positions[3 * i + 1];
        double dz = Positions[3 * j + 2] - Positions[3 * i + 2];
        if (IsPeriodic)
        {
            (dx, dy, dz) = Geometry.MinimumImage(Cell!, dx, dy, dz);
        }

        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }

    /// <summary>Smallest interatomic distance (Å), minimum image for periodic cells; +∞ for fewer than two atoms.</summary>
    /// <returns>Distance in Å.</returns>
    public double MinimumDistance()
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < AtomCount; i++)
        {
            for (int j = i + 1; j < AtomCount; j++)
            {
                best = Math.Min(best, Distance(i, j));
            }
        }

        return best;
    }
}
