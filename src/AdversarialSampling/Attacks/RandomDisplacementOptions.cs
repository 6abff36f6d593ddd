namespace AdversarialSampling.Attacks;

/// <summary>
/// Settings of the <see cref="RandomDisplacement"/> baseline: each seed (× start) is displaced once by
/// δ ~ N(0, σ²) per free component, under the same bounds and objective as the gradient attack.
/// </summary>
public sealed record RandomDisplacementOptions
{
    /// <summary>The objective, used to report u and the log objective and to apply the energy ceiling (its temperature must be set).</summary>
    public AttackObjectiveOptions Objective { get; init; } = new();

    /// <summary>Restraints (clamp, box, per-atom norm, distance guard, energy ceiling); default none.</summary>
    public AttackBounds Bounds { get; init; } = AttackBounds.None;

    /// <summary>Standard deviation σ of the displacement per free Cartesian component (Å); default 0.1.</summary>
    public double DisplacementStd { get; init; } = 0.1;

    /// <summary>Independent displacements per seed; default 1.</summary>
    public int Starts { get; init; } = 1;

    /// <summary>Draws per seed before giving up when draws break the distance guard or the energy ceiling (the seed is then returned unchanged); default 10.</summary>
    public int MaxTries { get; init; } = 10;

    /// <summary>Most structures evaluated together in one graph batch; default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Problems with the settings (empty when valid), one message each naming the setting.</summary>
    /// <returns>Messages.</returns>
    public IReadOnlyList<string> Validate()
    {
        var check = new SettingsCheck();
        check.Objective(Objective);
        check.Bounds(Bounds);
        check.Require(DisplacementStd >= 0 && double.IsFinite(DisplacementStd), $"DisplacementStd must be ≥ 0 and finite (Å); found {DisplacementStd}.");
        check.Require(Starts >= 1, $"Starts must be ≥ 1; found {Starts}.");
        check.Require(MaxTries >= 1, $"MaxTries must be ≥ 1; found {MaxTries}.");
        check.Require(BatchSize >= 1, $"BatchSize must be ≥ 1; found {BatchSize}.");
        return check.Problems;
    }
}
