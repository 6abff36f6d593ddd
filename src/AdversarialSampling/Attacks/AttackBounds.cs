using System.Globalization;

namespace AdversarialSampling.Attacks;

/// <summary>
/// Restraints that keep an attack in the physically relevant region. Every one is optional (null = off);
/// <see cref="None"/> is the paper's unbounded attack. Applied after every step, in this order: the elementwise
/// clamp ±<see cref="Epsilon"/>, the <see cref="Box"/>, the per-atom <see cref="MaxAtomDisplacement"/>, then
/// the <see cref="MinDistanceFactor"/> and <see cref="MinTrainingDistanceFactor"/> guards; the <see cref="EnergyCeiling"/> is checked when the new geometry
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
    /// Minimum-distance guard relative to the training data, as a fraction g in (0, 1]: no pair i, j may come closer
    /// than g × the shortest distance between atoms of the same two elements in the training structures
    /// (<see cref="AttackContext.Training"/>; pairs up to 3 Å apart are searched, minimum image in periodic cells).
    /// Element pairs never that close in the training data are left to <see cref="MinDistanceFactor"/>. Combined
    /// with it (the larger threshold applies) and with the same rules: a pair already closer in the seed may not
    /// come closer than it was, and a step that breaks the guard is undone and stops the seed with
    /// <see cref="AttackExitReason.DistanceGuard"/>. It keeps the attack off repulsive walls the committee has never
    /// seen, where its energy — and so the Boltzmann factor and the energy ceiling — means nothing. Null (default) = off.
    /// </summary>
    public double? MinTrainingDistanceFactor { get; init; }

    /// <summary>
    /// What a step that breaks <see cref="MinDistanceFactor"/> or <see cref="MinTrainingDistanceFactor"/> does. False
    /// (default): the step of that seed is undone and the seed stops with <see cref="AttackExitReason.DistanceGuard"/>.
    /// True: the step is kept and projected back — every pair below its threshold is pushed apart along its axis to
    /// the threshold (+1e-3 Å; shared by the two atoms, or taken by the movable one; repeated for pairs sharing an
    /// atom), then the other bounds are applied again — so the attack can slide along the repulsive wall; a seed still
    /// below a threshold after that stops as with false. Only the gradient attack projects; the random baseline redraws.
    /// </summary>
    public bool ProjectOnDistanceGuard { get; init; }

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
        if (MinTrainingDistanceFactor is double g && !(g > 0 && g <= 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}.{nameof(MinTrainingDistanceFactor)} must be in (0, 1] (fraction of the shortest training distance) or null; found {g}."));
        }
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
