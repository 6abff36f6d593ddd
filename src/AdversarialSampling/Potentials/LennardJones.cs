namespace AdversarialSampling.Potentials;

/// <summary>
/// The Lennard-Jones pair potential φ(r) = 4ε[(σ/r)¹² − (σ/r)⁶] for clusters and periodic cells, with a cutoff
/// (default 2.5σ) and, by default, the energy shifted to zero at the cutoff. Minimum −ε at r = 2^(1/6)σ
/// (unshifted). See <see cref="PairPotential"/> for the cutoff and periodicity rules.
/// </summary>
public sealed class LennardJones : PairPotential
{
    /// <summary>Default cutoff in units of σ (2.5).</summary>
    public const double DefaultCutoffInSigma = 2.5;

    /// <summary>Creates a Lennard-Jones potential.</summary>
    /// <param name="epsilon">Well depth ε (eV), positive.</param>
    /// <param name="sigma">Zero-crossing distance σ (Å), positive.</param>
    /// <param name="cutoff">Cutoff (Å); default 2.5σ; +∞ for none (finite systems only).</param>
    /// <param name="shiftToZero">Shift the pair energy to zero at the cutoff; default true.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite (cutoff may be +∞).</exception>
    public LennardJones(double epsilon, double sigma, double? cutoff = null, bool shiftToZero = true)
        : base(cutoff ?? DefaultCutoffInSigma * sigma, shiftToZero)
    {
        RequirePositive(epsilon, nameof(epsilon), "eV");
        RequirePositive(sigma, nameof(sigma), "Å");
        Epsilon = epsilon;
        Sigma = sigma;
    }

    /// <summary>Well depth ε (eV).</summary>
    public double Epsilon { get; }

    /// <summary>Zero-crossing distance σ (Å).</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public override string Name => "LennardJones";

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> IdentitySettings()
        => [Setting("epsilon", Epsilon), Setting("sigma", Sigma), .. CutoffSettings()];

    /// <inheritdoc />
    protected override (double Energy, double Derivative) Pair(double r)
    {
        double s2 = Sigma * Sigma / (r * r);
        double s6 = s2 * s2 * s2;
        double s12 = s6 * s6;
        return (4 * Epsilon * (s12 - s6), 24 * Epsilon * (s6 - 2 * s12) / r);
    }
}
