namespace AdversarialSampling.Potentials;

/// <summary>
/// The Morse pair potential φ(r) = D[e^(−2a(r − r0)) − 2e^(−a(r − r0))] (minimum −D at r0, zero at infinity)
/// for clusters and periodic cells, with a cutoff and, by default, the energy shifted to zero at the cutoff.
/// See <see cref="PairPotential"/> for the cutoff and periodicity rules.
/// </summary>
public sealed class Morse : PairPotential
{
    /// <summary>Creates a Morse potential.</summary>
    /// <param name="depth">Well depth D (eV), positive.</param>
    /// <param name="stiffness">Range parameter a (1/Å), positive; larger is narrower.</param>
    /// <param name="equilibriumDistance">Equilibrium distance r0 (Å), positive.</param>
    /// <param name="cutoff">Cutoff (Å), positive; +∞ for none (finite systems only).</param>
    /// <param name="shiftToZero">Shift the pair energy to zero at the cutoff; default true.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite (cutoff may be +∞).</exception>
    public Morse(double depth, double stiffness, double equilibriumDistance, double cutoff, bool shiftToZero = true)
        : base(cutoff, shiftToZero)
    {
        RequirePositive(depth, nameof(depth), "eV");
        RequirePositive(stiffness, nameof(stiffness), "1/Å");
        RequirePositive(equilibriumDistance, nameof(equilibriumDistance), "Å");
        Depth = depth;
        Stiffness = stiffness;
        EquilibriumDistance = equilibriumDistance;
    }

    /// <summary>Well depth D (eV).</summary>
    public double Depth { get; }

    /// <summary>Range parameter a (1/Å).</summary>
    public double Stiffness { get; }

    /// <summary>Equilibrium distance r0 (Å).</summary>
    public double EquilibriumDistance { get; }

    /// <inheritdoc />
    public override string Name => "Morse";

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> IdentitySettings()
        => [Setting("depth", Depth), Setting("stiffness", Stiffness), Setting("r0", EquilibriumDistance), .. CutoffSettings()];

    /// <inheritdoc />
    protected override (double Energy, double Derivative) Pair(double r)
    {
        double e1 = Math.Exp(-Stiffness * (r - EquilibriumDistance));
        return (Depth * e1 * (e1 - 2), 2 * Stiffness * Depth * e1 * (1 - e1));
    }
}
