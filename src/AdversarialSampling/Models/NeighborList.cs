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
    /// <remarks>
    /// Each structure is searched on its own with <see cref="NeighborSearch"/> (cell list, O(N); every
    /// periodic image within the cutoff, so cells smaller than twice the cutoff work), from the detached
    /// positions converted to float64; indices are offset by <see cref="AtomBatch.AtomOffsets"/>.
    /// </remarks>
    public static NeighborList Build(AtomBatch batch, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var positions = batch.PositionsPerStructure();
        var found = new NeighborPairs[batch.StructureCount];
        int total = 0;
        for (int b = 0; b < found.Length; b++)
        {
            found[b] = NeighborSearch.Find(positions[b], batch.Structures[b].Cell, cutoff);
            total += found[b].Count;
        }

        var source = new long[total];
        var target = new long[total];
        var shifts = new double[3 * total];
        int p = 0;
        for (int b = 0; b < found.Length; b++)
        {
            int offset = batch.AtomOffsets[b];
            var pairs = found[b];
            pairs.Shifts.CopyTo(shifts, 3 * p);
            for (int q = 0; q < pairs.Count; q++, p++)
            {
                source[p] = pairs.Sources[q] + offset;
                target[p] = pairs.Targets[q] + offset;
            }
        }

        // The batch caches the list across calls, so its tensors must outlive any dispose scope of the caller.
        using var scope = NewDisposeScope();
        var device = batch.Positions.device;
        return new NeighborList(
            cutoff,
            tensor(source, [total], ScalarType.Int64).to(device).DetachFromDisposeScope(),
            tensor(target, [total], ScalarType.Int64).to(device).DetachFromDisposeScope(),
            tensor(shifts, [total, 3], ScalarType.Float64).to(batch.DType, device).DetachFromDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Source.Dispose();
        Target.Dispose();
        Shifts.Dispose();
    }
}
