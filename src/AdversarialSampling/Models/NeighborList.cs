using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// Directed atom pairs within a cutoff for an <see cref="AtomBatch"/> (both i→j and j→i), with the
/// Cartesian periodic shift to add: r_ij = pos[j] − pos[i] + <see cref="Shifts"/>. Pairs never cross
/// structures. Owned by the batch that built it.
/// </summary>
public sealed class NeighborList : IDisposable
{
    /// <summary>Creates a neighbour list from tensors it takes ownership of.</summary>
    /// <param name="cutoff">Cutoff (Å).</param>
    /// <param name="source">Index i of each pair, [P], int64.</param>
    /// <param name="target">Index j of each pair, [P], int64.</param>
    /// <param name="shifts">Cartesian shift of each pair, [P, 3], Å, batch dtype.</param>
    public NeighborList(double cutoff, Tensor source, Tensor target, Tensor shifts)
    {
        Cutoff = cutoff;
        Source = source;
        Target = target;
        Shifts = shifts;
    }

    /// <summary>Cutoff radius (Å).</summary>
    public double Cutoff { get; }

    /// <summary>Index i (into the batch's atoms) of each pair, [P], int64.</summary>
    public Tensor Source { get; }

    /// <summary>Index j of each pair, [P], int64.</summary>
    public Tensor Target { get; }

    /// <summary>Cartesian periodic shift of each pair, [P, 3], Å (zeros for finite systems).</summary>
    public Tensor Shifts { get; }

    /// <summary>Number of directed pairs P.</summary>
    public long PairCount => Source.shape[0];

    /// <summary>Builds the list from the batch's current positions (detached).</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="cutoff">Cutoff (Å), positive.</param>
    /// <returns>The list (dispose it, or let the batch own it).</returns>
    public static NeighborList Build(AtomBatch batch, double cutoff)
    {
        throw new NotImplementedException("Neighbour-list construction is implemented with the SchNet model.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Source.Dispose();
        Target.Dispose();
        Shifts.Dispose();
    }
}
