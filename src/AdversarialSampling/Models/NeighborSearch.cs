using AdversarialSampling.Structures;

namespace AdversarialSampling.Models;

/// <summary>
/// Pure .NET neighbour search: all directed atom pairs closer than a cutoff, in finite systems and in
/// periodic cells of any shape with per-axis periodicity, in O(N) time with a cell list (linked cells).
/// Periodic axes get every image needed, so cutoffs larger than half the cell (or larger than the cell) are
/// handled: an atom can then be a neighbour several times and its own neighbour, as in ASE's
/// <c>neighbor_list</c>. Positions need not lie inside the cell (they are wrapped internally; the returned
/// shifts refer to the positions as given).
/// </summary>
public static class NeighborSearch
{
    /// <summary>Upper bound on bins per atom; sparse systems get coarser bins so memory stays O(N).</summary>
    private const int MaxBinsPerAtom = 2;

    /// <summary>Pairs within <paramref name="cutoff"/> in a structure (its cell and periodicity are used).</summary>
    /// <param name="structure">The structure.</param>
    /// <param name="cutoff">Cutoff radius (Å), positive and finite.</param>
    /// <returns>The pairs (both directions).</returns>
    public static NeighborPairs Find(AtomicStructure structure, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(structure);
        return Find(structure.Positions, structure.Cell, cutoff);
    }

    /// <summary>Pairs within <paramref name="cutoff"/> for raw positions.</summary>
    /// <param name="positions">Flat row-major N×3 positions (Å).</param>
    /// <param name="cell">The cell, or null for a finite system (a cell without periodic axes is finite too).</param>
    /// <param name="cutoff">Cutoff radius (Å), positive and finite.</param>
    /// <returns>The pairs (both directions), ordered by source atom.</returns>
    /// <exception cref="ArgumentException">Positions not a multiple of 3 or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Cutoff not positive and finite.</exception>
    public static NeighborPairs Find(IReadOnlyList<double> positions, UnitCell? cell, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count % 3 != 0)
        {
            throw new ArgumentException($"Positions must be flat N×3; found {positions.Count} values.", nameof(positions));
        }

        if (!double.IsFinite(cutoff) || cutoff <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "Cutoff must be positive and finite (Å).");
        }

        var frame = Frame.Create(cell);
        int n = positions.Count / 3;
        var wrapped = new double[3 * n];
        var frac = new double[3 * n];
        var wrap = new int[3 * n];
        for (int i = 0; i < n; i++)
        {
            frame.Wrap(positions, i, frac, wrap, wrapped);
        }

        var grid = BinGrid.Create(frame, frac, n, cutoff);
        return Search(frame, grid, wrapped, wrap, n, cutoff);
    }

    private static NeighborPairs Search(Frame frame, BinGrid grid, double[] wrapped, int[] wrap, int n, double cutoff)
    {
        var sources = new List<int>();
        var targets = new List<int>();
        var images = new List<int>();
        var shifts = new List<double>();
        var distances = new List<double>();
        double cutoff2 = cutoff * cutoff;
        var v = frame.Vectors;
        Span<int> t = stackalloc int[3];
        Span<int> bin = stackalloc int[3];
        for (int i = 0; i < n; i++)
        {
            for (int d0 = -grid.Reach[0]; d0 <= grid.Reach[0]; d0++)
            {
                if (!grid.Neighbour(0, grid.AtomBin[3 * i] + d0, out bin[0], out t[0]))
                {
                    continue;
                }

                for (int d1 = -grid.Reach[1]; d1 <= grid.Reach[1]; d1++)
                {
                    if (!grid.Neighbour(1, grid.AtomBin[3 * i + 1] + d1, out bin[1], out t[1]))
                    {
                        continue;
                    }

                    for (int d2 = -grid.Reach[2]; d2 <= grid.Reach[2]; d2++)
                    {
                        if (!grid.Neighbour(2, grid.AtomBin[3 * i + 2] + d2, out bin[2], out t[2]))
                        {
                            continue;
                        }

                        bool home = t[0] == 0 && t[1] == 0 && t[2] == 0;
                        double tx = t[0] * v[0] + t[1] * v[3] + t[2] * v[6];
                        double ty = t[0] * v[1] + t[1] * v[4] + t[2] * v[7];
                        double tz = t[0] * v[2] + t[1] * v[5] + t[2] * v[8];
                        int flat = grid.Flat(bin[0], bin[1], bin[2]);
                        for (int s = grid.Start[flat]; s < grid.Start[flat + 1]; s++)
                        {
                            int j = grid.Order[s];
                            if (home && j == i)
                            {
                                continue;
                            }

                            double rx = wrapped[3 * j] + tx - wrapped[3 * i];
                            double ry = wrapped[3 * j + 1] + ty - wrapped[3 * i + 1];
                            double rz = wrapped[3 * j + 2] + tz - wrapped[3 * i + 2];
                            double r2 = rx * rx + ry * ry + rz * rz;
                            if (r2 >= cutoff2)
                            {
                                continue;
                            }

                            sources.Add(i);
                            targets.Add(j);
                            distances.Add(Math.Sqrt(r2));
                            Span<int> offset = [t[0] - wrap[3 * j] + wrap[3 * i], t[1] - wrap[3 * j + 1] + wrap[3 * i + 1], t[2] - wrap[3 * j + 2] + wrap[3 * i + 2]];
                            for (int c = 0; c < 3; c++)
                            {
                                images.Add(offset[c]);
                                shifts.Add(offset[0] * v[c] + offset[1] * v[3 + c] + offset[2] * v[6 + c]);
                            }
                        }
                    }
                }
            }
        }

        return new NeighborPairs(cutoff, [.. sources], [.. targets], [.. images], [.. shifts], [.. distances]);
    }

    /// <summary>The lattice frame: cell vectors, inverse, periodicity and plane spacings (identity for finite systems).</summary>
    private sealed class Frame
    {
        private static readonly double[] Identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];

        private Frame(double[] vectors, double[] inverse, bool[] periodic, double[] heights)
        {
            Vectors = vectors;
            Inverse = inverse;
            Periodic = periodic;
            Heights = heights;
        }

        public double[] Vectors { get; }

        public double[] Inverse { get; }

        public bool[] Periodic { get; }

        /// <summary>Distance between neighbouring lattice planes per axis (Å per unit fractional coordinate).</summary>
        public double[] Heights { get; }

        public static Frame Create(UnitCell? cell)
        {
            if (cell is null || !cell.IsPeriodic)
            {
                return new Frame(Identity, Identity, [false, false, false], [1, 1, 1]);
            }

            return new Frame([.. cell.Vectors], cell.Inverse(), [.. cell.Periodic], cell.Heights());
        }

        /// <summary>Fractional coordinates of atom i, wrapped into [0, 1) along periodic axes, and the wrapped Cartesian position.</summary>
        public void Wrap(IReadOnlyList<double> positions, int i, double[] frac, int[] wrap, double[] wrapped)
        {
            double x = positions[3 * i], y = positions[3 * i + 1], z = positions[3 * i + 2];
            if (!double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(z))
            {
                throw new ArgumentException($"Position of atom {i} is not finite.", nameof(positions));
            }

            for (int k = 0; k < 3; k++)
            {
                double f = x * Inverse[k] + y * Inverse[3 + k] + z * Inverse[6 + k];
                int w = 0;
                if (Periodic[k])
                {
                    double fl = Math.Floor(f);
                    w = checked((int)fl);
                    f -= fl;
                    if (f >= 1)
                    {
                        // f was a tiny negative number: treat it as 0 in the home cell.
                        f = 0;
                        w += 1;
                    }
                }

                frac[3 * i + k] = f;
                wrap[3 * i + k] = w;
            }

            for (int c = 0; c < 3; c++)
            {
                wrapped[3 * i + c] = positions[3 * i + c]
                    - wrap[3 * i] * Vectors[c] - wrap[3 * i + 1] * Vectors[3 + c] - wrap[3 * i + 2] * Vectors[6 + c];
            }
        }
    }

    /// <summary>Bins in fractional coordinates, each at least one cutoff thick (unless the system is sparse), with atoms sorted by bin.</summary>
    private sealed class BinGrid
    {
        private readonly int[] _count;
        private readonly bool[] _periodic;

        private BinGrid(int[] count, bool[] periodic, int[] reach, int[] atomBin, int[] start, int[] order)
        {
            _count = count;
            _periodic = periodic;
            Reach = reach;
            AtomBin = atomBin;
            Start = start;
            Order = order;
        }

        /// <summary>How many bins to search on each side along each axis.</summary>
        public int[] Reach { get; }

        /// <summary>Bin coordinates of each atom, flat N×3.</summary>
        public int[] AtomBin { get; }

        /// <summary>Start of each bin in <see cref="Order"/> (length bins + 1).</summary>
        public int[] Start { get; }

        /// <summary>Atom indices sorted by bin.</summary>
        public int[] Order { get; }

        public static BinGrid Create(Frame frame, double[] frac, int n, double cutoff)
        {
            var lo = new double[3];
            var extent = new double[3];
            var count = new int[3];
            for (int k = 0; k < 3; k++)
            {
                if (frame.Periodic[k])
                {
                    extent[k] = 1;
                }
                else if (n > 0)
                {
                    double min = double.PositiveInfinity, max = double.NegativeInfinity;
                    for (int i = 0; i < n; i++)
                    {
                        min = Math.Min(min, frac[3 * i + k]);
                        max = Math.Max(max, frac[3 * i + k]);
                    }

                    lo[k] = min;
                    extent[k] = max - min;
                }

                count[k] = (int)Math.Clamp(Math.Floor(extent[k] * frame.Heights[k] / cutoff), 1, 1 << 20);
            }

            long limit = (long)MaxBinsPerAtom * n + 8;
            while ((long)count[0] * count[1] * count[2] > limit)
            {
                int k = count[0] >= count[1] && count[0] >= count[2] ? 0 : count[1] >= count[2] ? 1 : 2;
                count[k] = Math.Max(1, count[k] / 2);
            }

            var width = new double[3];
            var reach = new int[3];
            for (int k = 0; k < 3; k++)
            {
                width[k] = extent[k] > 0 ? extent[k] / count[k] : 1;
                reach[k] = (int)Math.Ceiling(cutoff / (frame.Heights[k] * width[k]));
                if (!frame.Periodic[k])
                {
                    reach[k] = Math.Min(reach[k], count[k] - 1);
                }
            }

            var atomBin = new int[3 * n];
            var start = new int[count[0] * count[1] * count[2] + 1];
            var grid = new BinGrid(count, frame.Periodic, reach, atomBin, start, new int[n]);
            var flat = new int[n];
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < 3; k++)
                {
                    atomBin[3 * i + k] = Math.Clamp((int)Math.Floor((frac[3 * i + k] - lo[k]) / width[k]), 0, count[k] - 1);
                }

                flat[i] = grid.Flat(atomBin[3 * i], atomBin[3 * i + 1], atomBin[3 * i + 2]);
                start[flat[i] + 1]++;
            }

            for (int b = 1; b < start.Length; b++)
            {
                start[b] += start[b - 1];
            }

            var fill = start[..^1];
            for (int i = 0; i < n; i++)
            {
                grid.Order[fill[flat[i]]++] = i;
            }

            return grid;
        }

        public int Flat(int b0, int b1, int b2) => (b0 * _count[1] + b1) * _count[2] + b2;

        /// <summary>Maps an unbounded bin coordinate to a bin in the grid and the lattice image it lies in; false outside a finite axis.</summary>
        public bool Neighbour(int axis, int unbounded, out int bin, out int image)
        {
            int c = _count[axis];
            if (_periodic[axis])
            {
                image = (int)Math.Floor((double)unbounded / c);
                bin = unbounded - image * c;
                return true;
            }

            image = 0;
            bin = unbounded;
            return unbounded >= 0 && unbounded < c;
        }
    }
}
