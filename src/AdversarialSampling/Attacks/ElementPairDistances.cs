using AdversarialSampling.Models;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Attacks;

/// <summary>
/// The shortest distance between atoms of each pair of elements in a set of structures (Å; minimum image in
/// periodic cells), searched up to <see cref="SearchRadius"/> with the O(N) neighbour search. Element pairs that
/// never come that close are absent.
/// </summary>
internal static class ElementPairDistances
{
    /// <summary>Pairs farther apart than this (Å) are not searched. Value: 3 Å.</summary>
    public const double SearchRadius = 3.0;

    /// <summary>The shortest distance per unordered element pair (key: smaller Z, larger Z).</summary>
    /// <param name="structures">The structures (e.g. the committee's training set).</param>
    /// <returns>Shortest distances (Å).</returns>
    public static Dictionary<(int, int), double> Shortest(IEnumerable<AtomicStructure> structures)
    {
        var shortest = new Dictionary<(int, int), double>();
        foreach (var s in structures)
        {
            if (s.AtomCount < 2 && !s.IsPeriodic)
            {
                continue;
            }

            var pairs = NeighborSearch.Find(s, SearchRadius);
            for (int p = 0; p < pairs.Count; p++)
            {
                var key = Key(s.AtomicNumbers[pairs.Sources[p]], s.AtomicNumbers[pairs.Targets[p]]);
                double d = pairs.Distances[p];
                if (d > 0 && (!shortest.TryGetValue(key, out double known) || d < known))
                {
                    shortest[key] = d;
                }
            }
        }

        return shortest;
    }

    /// <summary>The dictionary key of an unordered element pair.</summary>
    /// <param name="zi">One atomic number.</param>
    /// <param name="zj">The other.</param>
    /// <returns>(smaller, larger).</returns>
    public static (int, int) Key(int zi, int zj) => zi <= zj ? (zi, zj) : (zj, zi);
}
