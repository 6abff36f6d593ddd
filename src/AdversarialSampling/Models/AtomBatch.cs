using AdversarialSampling.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// A batch of structures as one graph: atoms of all structures concatenated, with an atom → structure index.
/// This is the tensor-level input of every model (<see cref="IEnergyModel"/>, <see cref="ICommitteeModel"/>).
/// It owns its tensors (dispose it, or create it inside a dispose scope). Positions are [A, 3] in Å in the
/// model's dtype; set <c>requires_grad</c> on them (see <see cref="WithPositions"/>) to get forces.
/// </summary>
public sealed class AtomBatch : IDisposable
{
    private readonly Dictionary<double, NeighborList> _neighbors = [];

    private AtomBatch(
        IReadOnlyList<AtomicStructure> structures,
        Tensor positions,
        Tensor atomicNumbers,
        Tensor structureIndex,
        Tensor? cells,
        int[] atomOffsets)
    {
        Structures = structures;
        Positions = positions;
        AtomicNumbers = atomicNumbers;
        StructureIndex = structureIndex;
        Cells = cells;
        AtomOffsets = atomOffsets;
    }

    /// <summary>The structures this batch was built from (species, cells, periodicity, constraints).</summary>
    public IReadOnlyList<AtomicStructure> Structures { get; }

    /// <summary>Positions of all atoms, [A, 3], Å, in the batch dtype.</summary>
    public Tensor Positions { get; private set; }

    /// <summary>Atomic numbers, [A], int64.</summary>
    public Tensor AtomicNumbers { get; }

    /// <summary>Index of the structure each atom belongs to, [A], int64, non-decreasing.</summary>
    public Tensor StructureIndex { get; }

    /// <summary>Cells, [B, 3, 3] (rows are lattice vectors, Å), or null if no structure has a cell.</summary>
    public Tensor? Cells { get; }

    /// <summary>First atom of each structure and, last, the total atom count (length B + 1).</summary>
    public IReadOnlyList<int> AtomOffsets { get; }

    /// <summary>Number of structures B.</summary>
    public int StructureCount => Structures.Count;

    /// <summary>Total number of atoms A.</summary>
    public int AtomCount => AtomOffsets[^1];

    /// <summary>Element type of <see cref="Positions"/>.</summary>
    public ScalarType DType => Positions.dtype;

    /// <summary>
    /// Builds a batch from structures. The one place that converts structure arrays into tensors.
    /// </summary>
    /// <param name="structures">The structures (any sizes, at least one).</param>
    /// <param name="dtype">Floating type of positions and cells; default float32.</param>
    /// <param name="device">Device; default CPU.</param>
    /// <returns>The batch (caller disposes).</returns>
    public static AtomBatch FromStructures(IReadOnlyList<AtomicStructure> structures, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(structures);
        if (structures.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one structure.", nameof(structures));
        }

        int total = structures.Sum(s => s.AtomCount);
        var pos = new double[total * 3];
        var z = new long[total];
        var idx = new long[total];
        var offsets = new int[structures.Count + 1];
        int a = 0;
        for (int b = 0; b < structures.Count; b++)
        {
            var s = structures[b];
            offsets[b] = a;
            s.Positions.CopyTo(pos, 3 * a);
            for (int i = 0; i < s.AtomCount; i++, a++)
            {
                z[a] = s.AtomicNumbers[i];
                idx[a] = b;
            }
        }

        offsets[^1] = a;
        device ??= CPU;
        Tensor? cells = null;
        if (structures.Any(s => s.Cell is not null))
        {
            var c = new double[structures.Count * 9];
            for (int b = 0; b < structures.Count; b++)
            {
                structures[b].Cell?.Vectors.CopyTo(c, 9 * b);
            }

            cells = FloatTensor(c, [structures.Count, 3, 3], dtype, device);
        }

        return new AtomBatch(
            structures,
            FloatTensor(pos, [total, 3], dtype, device),
            OnDevice(tensor(z, [total], ScalarType.Int64), device),
            OnDevice(tensor(idx, [total], ScalarType.Int64), device),
            cells,
            offsets);
    }

    /// <summary>
    /// A tensor of floating type <paramref name="dtype"/> from float64 values, created directly in that type
    /// (one native call instead of a float64 tensor and a conversion: batches are built every training step).
    /// </summary>
    /// <param name="values">Values, row-major.</param>
    /// <param name="shape">Shape.</param>
    /// <param name="dtype">Float32 or Float64 (other types convert after creation).</param>
    /// <param name="device">Device; null or CPU keeps it on the CPU.</param>
    /// <returns>The tensor.</returns>
    internal static Tensor FloatTensor(double[] values, long[] shape, ScalarType dtype, Device? device = null)
    {
        var t = dtype switch
        {
            ScalarType.Float64 => tensor(values, shape, ScalarType.Float64),
            ScalarType.Float32 => tensor(Array.ConvertAll(values, v => (float)v), shape, ScalarType.Float32),
            _ => tensor(values, shape, ScalarType.Float64).to_type(dtype),
        };
        return OnDevice(t, device);
    }

    private static Tensor OnDevice(Tensor t, Device? device) => device is null || device.type == DeviceType.CPU ? t : t.to(device);

    /// <summary>
    /// Replaces the positions tensor ([A, 3], Å, batch dtype), e.g. by <c>x + δ</c> during an attack or a
    /// leaf with <c>requires_grad</c> for forces. The batch does not take ownership of the new tensor.
    /// Cached neighbour lists are kept until <see cref="RefreshNeighbors"/> is called.
    /// </summary>
    /// <param name="positions">New positions.</param>
    public void WithPositions(Tensor positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.shape.Length != 2 || positions.shape[0] != AtomCount || positions.shape[1] != 3)
        {
            throw new ArgumentException($"Positions must be [{AtomCount}, 3]; got [{string.Join(", ", positions.shape)}].", nameof(positions));
        }

        Positions = positions;
    }

    /// <summary>
    /// The neighbour list for a cutoff (Å), built from the current positions on first use and cached
    /// (pairs within the cutoff, both directions, minimum-image / periodic shifts for cells).
    /// Topology only: distances are recomputed differentiably from <see cref="Positions"/> by the model.
    /// </summary>
    /// <param name="cutoff">Cutoff radius (Å), positive.</param>
    /// <returns>The cached neighbour list (owned by the batch).</returns>
    public NeighborList GetNeighbors(double cutoff)
    {
        if (!_neighbors.TryGetValue(cutoff, out var list))
        {
            list = NeighborList.Build(this, cutoff);
            _neighbors[cutoff] = list;
        }

        return list;
    }

    /// <summary>Drops cached neighbour lists so the next <see cref="GetNeighbors"/> rebuilds them from the current positions.</summary>
    public void RefreshNeighbors()
    {
        foreach (var n in _neighbors.Values)
        {
            n.Dispose();
        }

        _neighbors.Clear();
    }

    /// <summary>Positions as plain arrays per structure (flat N×3, Å), detached.</summary>
    /// <returns>One array per structure.</returns>
    public double[][] PositionsPerStructure()
    {
        using var scope = NewDisposeScope();
        var flat = Positions.detach().to(ScalarType.Float64).cpu().data<double>().ToArray();
        var result = new double[StructureCount][];
        for (int b = 0; b < StructureCount; b++)
        {
            result[b] = flat[(3 * AtomOffsets[b])..(3 * AtomOffsets[b + 1])];
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        RefreshNeighbors();
        Positions.Dispose();
        AtomicNumbers.Dispose();
        StructureIndex.Dispose();
        Cells?.Dispose();
    }
}
