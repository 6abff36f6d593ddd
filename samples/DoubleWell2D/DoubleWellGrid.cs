using System.Collections.Immutable;
using System.Globalization;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>
/// The evaluation grid of the comparison: <see cref="Size"/> × <see cref="Size"/> points spaced evenly over
/// [−<see cref="HalfWidth"/>, <see cref="HalfWidth"/>]² (both ends included; default 100 × 100 over
/// [−1.2, 1.2]²), with the true energies and forces of <see cref="Potentials.DoubleWell2D"/>. Points are
/// ordered x-major: index = i·Size + j for x = X[i], y = Y[j].
/// </summary>
public sealed class DoubleWellGrid
{
    /// <summary>Points per axis by default (100).</summary>
    public const int DefaultSize = 100;

    /// <summary>The upper end of the low-energy region (eV): points with true E ≤ 1 are the region a simulation visits.</summary>
    public const double LowEnergyLimit = 1.0;

    private readonly double[] _trueEnergy;
    private readonly double[] _trueFx;
    private readonly double[] _trueFy;
    private readonly bool[] _low;

    /// <summary>Creates the grid.</summary>
    /// <param name="size">Points per axis (≥ 2); default 100.</param>
    /// <param name="halfWidth">Half-width of the square (Å, positive); default 1.2.</param>
    public DoubleWellGrid(int size = DefaultSize, double halfWidth = Potentials.DoubleWell2D.TrainingRange)
    {
        if (size < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The grid needs at least 2 points per axis.");
        }

        if (!(halfWidth > 0 && double.IsFinite(halfWidth)))
        {
            throw new ArgumentOutOfRangeException(nameof(halfWidth), halfWidth, "The half-width must be positive and finite (Å).");
        }

        Size = size;
        HalfWidth = halfWidth;
        Axis = [.. Enumerable.Range(0, size).Select(i => -halfWidth + (2 * halfWidth * i / (size - 1)))];
        int n = size * size;
        _trueEnergy = new double[n];
        _trueFx = new double[n];
        _trueFy = new double[n];
        _low = new bool[n];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                int k = (i * size) + j;
                double x = Axis[i], y = Axis[j];
                _trueEnergy[k] = Potentials.DoubleWell2D.Energy(x, y);
                var (dx, dy) = Potentials.DoubleWell2D.Gradient(x, y);
                _trueFx[k] = -dx;
                _trueFy[k] = -dy;
                _low[k] = _trueEnergy[k] <= LowEnergyLimit;
            }
        }

        LowCount = _low.Count(l => l);
    }

    /// <summary>Points per axis.</summary>
    public int Size { get; }

    /// <summary>Half-width of the square (Å).</summary>
    public double HalfWidth { get; }

    /// <summary>Coordinates along each axis (Å), ascending, <see cref="Size"/> values.</summary>
    public ImmutableArray<double> Axis { get; }

    /// <summary>Number of grid points (Size²).</summary>
    public int Count => Size * Size;

    /// <summary>Number of grid points with true E ≤ <see cref="LowEnergyLimit"/>.</summary>
    public int LowCount { get; }

    /// <summary>True energy at point k (eV).</summary>
    /// <param name="k">Point index (x-major).</param>
    /// <returns>The energy.</returns>
    public double TrueEnergy(int k) => _trueEnergy[k];

    /// <summary>The grid points as particles (z frozen), x-major.</summary>
    /// <returns>Structures, <see cref="Count"/> of them.</returns>
    public IReadOnlyList<AtomicStructure> Structures()
        => [.. Enumerable.Range(0, Count).Select(k => Potentials.DoubleWell2D.Particle(Axis[k / Size], Axis[k % Size]))];

    /// <summary>Errors of predicted energies and forces against the true surface.</summary>
    /// <param name="energies">Predicted energy per point (eV), <see cref="Count"/> values, x-major.</param>
    /// <param name="forcesX">Predicted force x per point (eV/Å).</param>
    /// <param name="forcesY">Predicted force y per point (eV/Å).</param>
    /// <returns>The errors.</returns>
    /// <exception cref="ArgumentException">A list has the wrong length.</exception>
    public GridErrors Evaluate(IReadOnlyList<double> energies, IReadOnlyList<double> forcesX, IReadOnlyList<double> forcesY)
    {
        ArgumentNullException.ThrowIfNull(energies);
        ArgumentNullException.ThrowIfNull(forcesX);
        ArgumentNullException.ThrowIfNull(forcesY);
        foreach (var (list, name) in new[] { (energies, nameof(energies)), (forcesX, nameof(forcesX)), (forcesY, nameof(forcesY)) })
        {
            if (list.Count != Count)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected {Count} values (one per grid point); found {list.Count}."), name);
            }
        }

        double eLow = 0, eAll = 0, fLow = 0, fAll = 0;
        for (int k = 0; k < Count; k++)
        {
            double de = energies[k] - _trueEnergy[k];
            double df = Square(forcesX[k] - _trueFx[k]) + Square(forcesY[k] - _trueFy[k]);
            eAll += de * de;
            fAll += df;
            if (_low[k])
            {
                eLow += de * de;
                fLow += df;
            }
        }

        return new GridErrors(
            Math.Sqrt(eLow / LowCount),
            Math.Sqrt(eAll / Count),
            Math.Sqrt(fLow / (2.0 * LowCount)),
            Math.Sqrt(fAll / (2.0 * Count)));
    }

    /// <summary>Errors of a committee's mean prediction (energy and forces) on the grid.</summary>
    /// <param name="committee">A trained committee over one particle.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The errors.</returns>
    public GridErrors Evaluate(ICommittee committee, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(committee);
        var prediction = committee.Predict(Structures(), cancellationToken);
        return Evaluate(
            [.. prediction.Structures.Select(p => p.MeanEnergy)],
            [.. prediction.Structures.Select(p => p.MeanForces[0])],
            [.. prediction.Structures.Select(p => p.MeanForces[1])]);
    }

    private static double Square(double v) => v * v;
}
