using AdversarialSampling.Structures;

namespace AdversarialSampling.Potentials;

/// <summary>
/// The paper's two-dimensional double well E(x, y) = 10x⁴ − 10x² + 2x + 4y⁴ (the reference code's 4y⁴),
/// acting on x and y of a single particle; z carries no energy (energy treated as eV, coordinates as Å).
/// Deep well −3.961 at (−0.7526, 0), shallow well −1.140 at (0.6505, 0), saddle +0.101 at (0.1021, 0).
/// </summary>
public sealed class DoubleWell2D : ToySurface
{
    /// <summary>Half-width of the reference training box (1.2 Å): points are drawn in [−1.2, 1.2]².</summary>
    public const double TrainingRange = 1.2;

    /// <summary>Creates the surface.</summary>
    public DoubleWell2D()
        : base(2)
    {
    }

    /// <inheritdoc />
    public override string Name => "DoubleWell2D";

    /// <summary>E(x, y) = 10x⁴ − 10x² + 2x + 4y⁴ (eV).</summary>
    /// <param name="x">x (Å).</param>
    /// <param name="y">y (Å).</param>
    /// <returns>Energy (eV).</returns>
    public static double Energy(double x, double y) => (10 * x * x - 10) * x * x + 2 * x + 4 * y * y * y * y;

    /// <summary>The gradient (∂E/∂x, ∂E/∂y) = (40x³ − 20x + 2, 16y³) (eV/Å); the force is its negative.</summary>
    /// <param name="x">x (Å).</param>
    /// <param name="y">y (Å).</param>
    /// <returns>The partial derivatives (eV/Å).</returns>
    public static (double Dx, double Dy) Gradient(double x, double y) => ((40 * x * x - 20) * x + 2, 16 * y * y * y);

    /// <summary>A one-atom structure at (x, y, 0) with z frozen.</summary>
    /// <param name="x">x (Å).</param>
    /// <param name="y">y (Å).</param>
    /// <returns>The particle.</returns>
    public static AtomicStructure Particle(double x, double y) => CreateParticle(x, y, 2);

    /// <summary>
    /// The reference initial training set: <paramref name="points"/> points drawn uniformly in [−1.2, 1.2]²
    /// with <c>new Random(seed)</c> (x then y for each point, <see cref="Random.NextDouble"/>), keeping
    /// E &lt; <paramref name="maxEnergy"/>. With the defaults 124 ± 10 points are expected to survive (15.5% of the box; 116 for seed 0),
    /// all in the deep (left) basin.
    /// </summary>
    /// <param name="points">Number of points drawn (≥ 0); default 800.</param>
    /// <param name="maxEnergy">Keep points with energy below this (eV); default −2.</param>
    /// <param name="seed">Random seed; default 0.</param>
    /// <returns>The labelled points (energies and forces from this surface), in drawing order.</returns>
    public static Dataset InitialTrainingSet(int points = 800, double maxEnergy = -2, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        var rng = new Random(seed);
        var drawn = new AtomicStructure[points];
        for (int i = 0; i < points; i++)
        {
            double x = TrainingRange * (2 * rng.NextDouble() - 1);
            double y = TrainingRange * (2 * rng.NextDouble() - 1);
            drawn[i] = Particle(x, y);
        }

        return new DoubleWell2D().LabelBelow(drawn, maxEnergy);
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> IdentitySettings()
        => [new("formula", "10x^4-10x^2+2x+4y^4")];

    /// <inheritdoc />
    private protected override (double Energy, double Dx, double Dy) Evaluate(double x, double y)
    {
        var (dx, dy) = Gradient(x, y);
        return (Energy(x, y), dx, dy);
    }
}
