using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Potentials;

/// <summary>
/// Base of the radial pair potentials for clusters and periodic cells: E = Σ_{i&lt;j, r_ij &lt; cutoff} [φ(r_ij) − φ(cutoff)]
/// (the shift only when <see cref="ShiftToZero"/>), all pairs visited (O(N²)). Periodic structures use the
/// minimum image (<see cref="Geometry.MinimumImage"/>), which requires the cutoff to be smaller than half the
/// smallest height of the periodic axes (<see cref="UnitCell.Heights"/>). Forces are not shifted, so they jump
/// at the cutoff by −φ′(cutoff).
/// </summary>
public abstract class PairPotential : AnalyticPotential
{
    /// <summary>Creates a pair potential.</summary>
    /// <param name="cutoff">Cutoff radius (Å), positive; +∞ means no cutoff (finite systems only).</param>
    /// <param name="shiftToZero">Subtract φ(cutoff) from every pair so the energy is continuous at the cutoff.</param>
    /// <exception cref="ArgumentOutOfRangeException">Cutoff not positive or NaN.</exception>
    protected PairPotential(double cutoff, bool shiftToZero)
    {
        if (double.IsNaN(cutoff) || cutoff <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "Cutoff must be positive (Å); use +∞ for none.");
        }

        Cutoff = cutoff;
        ShiftToZero = shiftToZero;
    }

    /// <summary>Cutoff radius (Å); pairs at or beyond it do not interact. +∞ means no cutoff.</summary>
    public double Cutoff { get; }

    /// <summary>True if each pair energy is shifted by −φ(cutoff) so that it vanishes at the cutoff.</summary>
    public bool ShiftToZero { get; }

    /// <summary>The energy shift subtracted from every interacting pair (eV): φ(cutoff), or 0 without shift or cutoff.</summary>
    public double EnergyShift => ShiftToZero && double.IsFinite(Cutoff) ? Pair(Cutoff).Energy : 0;

    /// <summary>The energy of one pair at distance <paramref name="r"/> as used in <see cref="Compute"/> (eV): shifted, zero at or beyond the cutoff.</summary>
    /// <param name="r">Distance (Å), non-negative.</param>
    /// <returns>Pair energy (eV).</returns>
    public double PairEnergy(double r) => r < Cutoff ? Pair(r).Energy - EnergyShift : 0;

    /// <summary>Energy (eV) and forces (eV/Å, flat N×3) of a cluster or a periodic structure.</summary>
    /// <param name="structure">The structure.</param>
    /// <param name="cancellationToken">Cancellation, checked once per atom.</param>
    /// <returns>The result; non-finite when two atoms coincide.</returns>
    /// <exception cref="ArgumentException">The structure is periodic and the cutoff is not below half its smallest periodic height.</exception>
    public override PotentialResult Compute(AtomicStructure structure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var cell = structure.IsPeriodic ? structure.Cell : null;
        if (cell is not null)
        {
            CheckCutoffFits(structure, cell);
        }

        int n = structure.AtomCount;
        var p = structure.Positions;
        var forces = new double[3 * n];
        double energy = 0, shift = EnergyShift, cutoff2 = Cutoff * Cutoff;
        for (int i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int j = i + 1; j < n; j++)
            {
                double dx = p[3 * j] - p[3 * i], dy = p[3 * j + 1] - p[3 * i + 1], dz = p[3 * j + 2] - p[3 * i + 2];
                if (cell is not null)
                {
                    (dx, dy, dz) = Geometry.MinimumImage(cell, dx, dy, dz);
                }

                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 >= cutoff2)
                {
                    continue;
                }

                double r = Math.Sqrt(r2);
                var (e, de) = Pair(r);
                energy += e - shift;

                // F_j = −φ′(r) (r_j − r_i)/r, F_i = −F_j.
                double s = de / r;
                forces[3 * i] += s * dx;
                forces[3 * i + 1] += s * dy;
                forces[3 * i + 2] += s * dz;
                forces[3 * j] -= s * dx;
                forces[3 * j + 1] -= s * dy;
                forces[3 * j + 2] -= s * dz;
            }
        }

        return new PotentialResult(energy, forces);
    }

    /// <summary>The unshifted pair energy φ(r) (eV) and its derivative φ′(r) (eV/Å).</summary>
    /// <param name="r">Distance (Å).</param>
    /// <returns>φ and dφ/dr.</returns>
    protected abstract (double Energy, double Derivative) Pair(double r);

    /// <summary>The cutoff and shift settings for <see cref="AnalyticPotential.Identity"/>.</summary>
    /// <returns>Two pairs: cutoff (Å) and shift (true/false).</returns>
    protected IEnumerable<KeyValuePair<string, string>> CutoffSettings()
        => [Setting("cutoff", Cutoff), new("shift", ShiftToZero ? "true" : "false")];

    private void CheckCutoffFits(AtomicStructure structure, UnitCell cell)
    {
        var heights = cell.Heights();
        double smallest = double.PositiveInfinity;
        for (int k = 0; k < 3; k++)
        {
            if (cell.Periodic[k])
            {
                smallest = Math.Min(smallest, heights[k]);
            }
        }

        if (!(Cutoff < smallest / 2))
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Name}: cutoff {Cutoff:G6} Å must be smaller than half the smallest periodic cell height ({smallest:G6} Å, so below {smallest / 2:G6} Å) for the minimum-image convention; use a supercell or a shorter cutoff."),
                nameof(structure));
        }
    }
}
