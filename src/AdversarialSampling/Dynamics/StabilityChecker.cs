using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Dynamics;

/// <summary>
/// Decides whether a structure of a trajectory is still physical: a trajectory "explodes" when an interatomic
/// distance leaves the window [<see cref="MinDistance"/>, <see cref="MaxDistance"/>]. The defaults, 0.75 Å and
/// 2.25 Å over all pairs, are the NH3 criterion of Schwalbe-Koda et al. (2021) for NN-MD stability; choose the
/// window (and <see cref="StabilityMode.NearestNeighbor"/>) for other systems. Every pair is visited (O(N²)),
/// with the minimum image along periodic axes. Immutable and thread-safe.
/// </summary>
public sealed class StabilityChecker
{
    /// <summary>Default lower bound (0.75 Å; the NH3 value).</summary>
    public const double DefaultMinDistance = 0.75;

    /// <summary>Default upper bound (2.25 Å; the NH3 value).</summary>
    public const double DefaultMaxDistance = 2.25;

    /// <summary>Creates a checker.</summary>
    /// <param name="minDistance">Smallest allowed interatomic distance (Å), ≥ 0; default 0.75 Å.</param>
    /// <param name="maxDistance">Largest allowed distance (Å), above <paramref name="minDistance"/>, may be +∞; default 2.25 Å.</param>
    /// <param name="mode">Which distances the upper bound applies to; default <see cref="StabilityMode.AllPairs"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN or negative, the window is empty, or the mode is unknown.</exception>
    public StabilityChecker(double minDistance = DefaultMinDistance, double maxDistance = DefaultMaxDistance, StabilityMode mode = StabilityMode.AllPairs)
    {
        if (!(minDistance >= 0 && double.IsFinite(minDistance)))
        {
            throw new ArgumentOutOfRangeException(nameof(minDistance), minDistance, "The minimum distance must be finite and ≥ 0 Å.");
        }

        if (!(maxDistance > minDistance))
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxDistance),
                maxDistance,
                string.Create(CultureInfo.InvariantCulture, $"The maximum distance must be above the minimum distance ({minDistance:G6} Å); +∞ disables it."));
        }

        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown stability mode.");
        }

        MinDistance = minDistance;
        MaxDistance = maxDistance;
        Mode = mode;
    }

    /// <summary>The paper's NH3 criterion: all pairs within [0.75, 2.25] Å.</summary>
    public static StabilityChecker Ammonia { get; } = new();

    /// <summary>Smallest allowed interatomic distance (Å).</summary>
    public double MinDistance { get; }

    /// <summary>Largest allowed distance (Å): of any pair, or of each atom to its nearest neighbour (see <see cref="Mode"/>).</summary>
    public double MaxDistance { get; }

    /// <summary>Which distances <see cref="MaxDistance"/> applies to.</summary>
    public StabilityMode Mode { get; }

    /// <summary>True if no distance of the structure leaves the window (always true for fewer than two atoms).</summary>
    /// <param name="structure">The structure (positions in Å).</param>
    /// <returns>True when stable.</returns>
    public bool IsStable(AtomicStructure structure) => Check(structure) is null;

    /// <summary>
    /// Finds the first distance outside the window: pairs are visited in order (0,1), (0,2), …, (1,2), …; in
    /// <see cref="StabilityMode.NearestNeighbor"/> mode a too-short pair is reported before a too-distant nearest
    /// neighbour, and atoms are then visited in index order.
    /// </summary>
    /// <param name="structure">The structure (positions in Å).</param>
    /// <returns>The violation, or null when the structure is stable.</returns>
    public StabilityViolation? Check(AtomicStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        int n = structure.AtomCount;
        var nearest = new double[n];
        var nearestIndex = new int[n];
        Array.Fill(nearest, double.PositiveInfinity);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double d = structure.Distance(i, j);
                if (d < MinDistance)
                {
                    return new StabilityViolation(StabilityViolationKind.TooClose, i, j, d);
                }

                if (Mode == StabilityMode.AllPairs && d > MaxDistance)
                {
                    return new StabilityViolation(StabilityViolationKind.TooFar, i, j, d);
                }

                Update(nearest, nearestIndex, i, j, d);
                Update(nearest, nearestIndex, j, i, d);
            }
        }

        for (int i = 0; i < n && n > 1; i++)
        {
            if (nearest[i] > MaxDistance)
            {
                return new StabilityViolation(StabilityViolationKind.TooFar, i, nearestIndex[i], nearest[i]);
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"distances in [{MinDistance:G6}, {MaxDistance:G6}] Å ({Mode})");

    private static void Update(double[] nearest, int[] nearestIndex, int atom, int other, double d)
    {
        if (d < nearest[atom])
        {
            nearest[atom] = d;
            nearestIndex[atom] = other;
        }
    }
}
