using System.Collections.Immutable;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Potentials;

/// <summary>
/// The Müller–Brown surface (Müller and Brown, Theor. Chim. Acta 53, 75, 1979) with its standard parameters:
/// E(x, y) = Σₖ Aₖ exp(aₖ(x − x0ₖ)² + bₖ(x − x0ₖ)(y − y0ₖ) + cₖ(y − y0ₖ)²), A = (−200, −100, −170, 15),
/// a = (−1, −1, −6.5, 0.7), b = (0, 0, 11, 0.6), c = (−10, −10, −6.5, 0.7), x0 = (1, 0, −0.5, −1),
/// y0 = (0, 0.5, 1.5, 1). It acts on x and y of a single particle; z carries no energy (energy treated as eV,
/// coordinates as Å). Minima −146.70 at (−0.558, 1.442), −108.17 at (0.623, 0.028), −80.77 at (−0.050, 0.467);
/// saddles −40.66 at (−0.822, 0.624) and −72.25 at (0.212, 0.293).
/// </summary>
public sealed class MullerBrown : ToySurface
{
    private static readonly ImmutableArray<double> A = [-200, -100, -170, 15];
    private static readonly ImmutableArray<double> Ax = [-1, -1, -6.5, 0.7];
    private static readonly ImmutableArray<double> Bxy = [0, 0, 11, 0.6];
    private static readonly ImmutableArray<double> Cy = [-10, -10, -6.5, 0.7];
    private static readonly ImmutableArray<double> X0 = [1, 0, -0.5, -1];
    private static readonly ImmutableArray<double> Y0 = [0, 0.5, 1.5, 1];

    /// <summary>Creates the surface.</summary>
    public MullerBrown()
        : base(2)
    {
    }

    /// <inheritdoc />
    public override string Name => "MullerBrown";

    /// <summary>The Müller–Brown energy at (x, y) (eV).</summary>
    /// <param name="x">x (Å).</param>
    /// <param name="y">y (Å).</param>
    /// <returns>Energy (eV).</returns>
    public static double Energy(double x, double y) => EnergyAndGradient(x, y).Energy;

    /// <summary>The gradient (∂E/∂x, ∂E/∂y) at (x, y) (eV/Å); the force is its negative.</summary>
    /// <param name="x">x (Å).</param>
    /// <param name="y">y (Å).</param>
    /// <returns>The partial derivatives (eV/Å).</returns>
    public static (double Dx, double Dy) Gradient(double x, double y)
    {
        var (_, dx, dy) = EnergyAndGradient(x, y);
        return (dx, dy);
    }

    /// <summary>A one-atom structure at (x, y, 0) with z frozen.</summary>
    /// <param name="x">x (Å).</param>
    /// <param name="y">y (Å).</param>
    /// <returns>The particle.</returns>
    public static AtomicStructure Particle(double x, double y) => CreateParticle(x, y, 2);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> IdentitySettings()
        => [new("parameters", "Muller-Brown 1979 standard")];

    /// <inheritdoc />
    private protected override (double Energy, double Dx, double Dy) Evaluate(double x, double y) => EnergyAndGradient(x, y);

    private static (double Energy, double Dx, double Dy) EnergyAndGradient(double x, double y)
    {
        double e = 0, gx = 0, gy = 0;
        for (int k = 0; k < A.Length; k++)
        {
            double dx = x - X0[k], dy = y - Y0[k];
            double term = A[k] * Math.Exp(Ax[k] * dx * dx + Bxy[k] * dx * dy + Cy[k] * dy * dy);
            e += term;
            gx += term * (2 * Ax[k] * dx + Bxy[k] * dy);
            gy += term * (Bxy[k] * dx + 2 * Cy[k] * dy);
        }

        return (e, gx, gy);
    }
}
