using AdversarialSampling.Structures;

namespace AdversarialSampling.Potentials;

/// <summary>
/// The paper's asymmetric one-dimensional double well E(x) = 5x⁴ − 10x² + 1.5x, acting on the x coordinate
/// of a single particle (energy treated as eV, x as Å). Deep well −6.527 at x = −1.0356, shallow well −3.529
/// at x = 0.9601, barrier +0.0564 at x = 0.0754.
/// </summary>
public sealed class DoubleWell1D : ToySurface
{
    /// <summary>Half-width of the reference training grid (1.65 Å): the grid spans [−1.65, 1.65].</summary>
    public const double TrainingRange = 1.65;

    /// <summary>Number of points of the reference training grid (500, evenly spaced including both ends).</summary>
    public const int TrainingGridPoints = 500;

    /// <summary>Energy threshold of the reference training set (−5.5 eV): only E &lt; −5.5, i.e. the deep well.</summary>
    public const double TrainingMaxEnergy = -5.5;

    /// <summary>Creates the surface.</summary>
    public DoubleWell1D()
        : base(1)
    {
    }

    /// <inheritdoc />
    public override string Name => "DoubleWell1D";

    /// <summary>E(x) = 5x⁴ − 10x² + 1.5x (eV).</summary>
    /// <param name="x">Coordinate (Å).</param>
    /// <returns>Energy (eV).</returns>
    public static double Energy(double x) => (5 * x * x - 10) * x * x + 1.5 * x;

    /// <summary>dE/dx = 20x³ − 20x + 1.5 (eV/Å).</summary>
    /// <param name="x">Coordinate (Å).</param>
    /// <returns>The derivative (eV/Å); the force is its negative.</returns>
    public static double Derivative(double x) => (20 * x * x - 20) * x + 1.5;

    /// <summary>A one-atom structure at (x, 0, 0) with y and z frozen.</summary>
    /// <param name="x">Coordinate (Å).</param>
    /// <returns>The particle.</returns>
    public static AtomicStructure Particle(double x) => CreateParticle(x, 0, 1);

    /// <summary>
    /// The reference code's initial training set: <paramref name="gridPoints"/> evenly spaced points on
    /// [−<paramref name="range"/>, <paramref name="range"/>] (both ends included, as numpy/torch <c>linspace</c>),
    /// keeping E &lt; <paramref name="maxEnergy"/>. With the defaults (500 points, 1.65, −5.5) this gives
    /// 66 points, all in the deep well (x from −1.227 to −0.797).
    /// </summary>
    /// <param name="gridPoints">Number of grid points (≥ 2); default 500.</param>
    /// <param name="range">Half-width of the grid (Å); default 1.65.</param>
    /// <param name="maxEnergy">Keep points with energy below this (eV); default −5.5.</param>
    /// <returns>The labelled points (energies and forces from this surface), in increasing x.</returns>
    public static Dataset InitialTrainingSet(int gridPoints = TrainingGridPoints, double range = TrainingRange, double maxEnergy = TrainingMaxEnergy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gridPoints, 2);
        RequirePositive(range, nameof(range), "Å");
        double step = 2 * range / (gridPoints - 1);
        var points = Enumerable.Range(0, gridPoints).Select(i => Particle(i == gridPoints - 1 ? range : -range + i * step));
        return new DoubleWell1D().LabelBelow(points, maxEnergy);
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> IdentitySettings()
        => [new("formula", "5x^4-10x^2+1.5x")];

    /// <inheritdoc />
    private protected override (double Energy, double Dx, double Dy) Evaluate(double x, double y)
        => (Energy(x), Derivative(x), 0);
}
