using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace AdversarialSampling.Models;

/// <summary>
/// Directed atom pairs of one structure within a cutoff, as found by <see cref="NeighborSearch"/>: for pair p,
/// the displacement from atom <see cref="Sources"/>[p] to the image of atom <see cref="Targets"/>[p] is
/// r = pos[j] − pos[i] + <see cref="Shifts"/>[p] (Å), with <see cref="Shifts"/>[p] = n · cell for the integer
/// image offsets n = <see cref="ImageOffsets"/>[p] (relative to the positions as given, not wrapped).
/// Both directions are present (i→j with n and j→i with −n). In a periodic cell an atom may appear several
/// times as a neighbour (different images) and may be its own neighbour (self-images, n ≠ 0), as in ASE's
/// neighbour list. Immutable.
/// </summary>
public sealed class NeighborPairs
{
    internal NeighborPairs(double cutoff, int[] sources, int[] targets, int[] imageOffsets, double[] shifts, double[] distances)
    {
        Cutoff = cutoff;
        Sources = ImmutableCollectionsMarshal.AsImmutableArray(sources);
        Targets = ImmutableCollectionsMarshal.AsImmutableArray(targets);
        ImageOffsets = ImmutableCollectionsMarshal.AsImmutableArray(imageOffsets);
        Shifts = ImmutableCollectionsMarshal.AsImmutableArray(shifts);
        Distances = ImmutableCollectionsMarshal.AsImmutableArray(distances);
    }

    /// <summary>Cutoff radius (Å); every pair has distance strictly below it.</summary>
    public double Cutoff { get; }

    /// <summary>Number of directed pairs P.</summary>
    public int Count => Sources.Length;

    /// <summary>Atom index i of each pair (length P).</summary>
    public ImmutableArray<int> Sources { get; }

    /// <summary>Atom index j of each pair (length P).</summary>
    public ImmutableArray<int> Targets { get; }

    /// <summary>Integer image offsets along the three lattice vectors, flat P×3 (zeros without a cell or along non-periodic axes).</summary>
    public ImmutableArray<int> ImageOffsets { get; }

    /// <summary>Cartesian shift of each pair (offsets · cell), flat P×3, Å.</summary>
    public ImmutableArray<double> Shifts { get; }

    /// <summary>Distance of each pair (Å), length P.</summary>
    public ImmutableArray<double> Distances { get; }
}
