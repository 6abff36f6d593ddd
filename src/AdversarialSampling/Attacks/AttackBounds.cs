using System.Globalization;

namespace AdversarialSampling.Attacks;

/// <summary>
/// Restraints that keep an attack in the physically relevant region. Every one is optional (null = off);
/// <see cref="None"/> is the paper's unbounded attack. Applied after every step, in this order: the elementwise
/// clamp ±<see cref="Epsilon"/>, the <see cref="Box"/>, the per-atom <see cref="MaxAtomDisplacement"/>, then
/// the <see cref="MinDistanceFactor"/> guard; the <see cref="EnergyCeiling"/> is checked when the new geometry
/// is evaluated. Frozen atoms and components never move.
/// </summary>
public sealed record AttackBounds
{
    /// <summary>No restraint at all (the paper's toy attack).</summary>
    public static AttackBounds None { get; } = new();

    /// <summary>Elementwise clamp of the displacement δ to ±ε (Å); null (default) = off. The paper's molecular code uses 3 Å.</summary>
    public double? Epsilon { get; init; }

    /// <summary>A region the atoms may not leave (Å); null (default) = off.</summary>
    public AttackBox? Box { get; init; }

    /// <summary>Largest displacement norm |δᵢ| of any atom from its seed position (Å; longer displacements are rescaled); null (default) = off.</summary>
    public double? MaxAtomDisplacement { get; init; }

    /// <summary>
    /// Minimum-distance guard as a fraction f of covalent radii: no pair i, j of a structure may come closer than
    /// f·(r_cov,i + r_cov,j) (Cordero radii, Å; minimum image in periodic cells). A pair already closer in the seed
    /// may not come closer than it was (within 1e-4 Å). A step that would break the guard is undone and that
    /// seed stops with <see cref="AttackExitReason.DistanceGuard"/>. Null (default) = off; inactive for one-atom structures.
    /// </summary>
    public double? MinDistanceFactor { get; init; }

    /// <summary>
    /// Ceiling on the committee-mean predicted energy, above the training minimum (eV, or eV/atom when the objective
    /// uses per-atom energies): a geometry whose Ē exceeds min_k E_k + ceiling is rejected and its seed stops at its
    /// last accepted geometry with <see cref="AttackExitReason.EnergyCeiling"/>. Null (default) = off.
    /// </summary>
    public double? EnergyCeiling { get; init; }

    /// <summary>Problems with the settings (empty when valid), one message each naming the setting.</summary>
    /// <param name="prefix">Prefix of every message, e.g. "Bounds".</param>
    /// <returns>Messages.</returns>
    public IReadOnlyList<string> Validate(string prefix = "Bounds")
    {
        var problems = new List<string>();
        void Positive(double? value, string name, string unit)
        {
            if (value is double v && !(v > 0 && double.IsFinite(v)))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}.{name} must be positive and finite ({unit}) or null; found {v}."));
            }
        }

        Positive(Epsilon, nameof(Epsilon), "Å");
        Positive(MaxAtomDisplacement, nameof(MaxAtomDisplacement), "Å");
        Positive(MinDistanceFactor, nameof(MinDistanceFactor), "fraction of the covalent-radius sum");
        if (EnergyCeiling is double c && !double.IsFinite(c))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}.{nameof(EnergyCeiling)} must be finite (eV above the training minimum) or null; found {c}."));
        }

        if (Box is not null)
        {
            problems.AddRange(Box.Validate($"{prefix}.{nameof(Box)}"));
        }

        return problems;
    }
}
