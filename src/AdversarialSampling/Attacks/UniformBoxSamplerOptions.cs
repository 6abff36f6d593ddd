namespace AdversarialSampling.Attacks;

/// <summary>
/// Settings of the <see cref="UniformBoxSampler"/> baseline: every seed (× start) is replaced by a point drawn
/// uniformly in <see cref="Box"/> over its free Cartesian components (frozen components keep the seed's values).
/// </summary>
public sealed record UniformBoxSamplerOptions
{
    /// <summary>The region sampled (Å); required. Every axis that a seed leaves free must have finite bounds.</summary>
    public required AttackBox Box { get; init; }

    /// <summary>
    /// The objective, used only to report u and the log objective of the drawn points; default
    /// <see cref="Temperature.Infinite"/> (no Boltzmann factor).
    /// </summary>
    public AttackObjectiveOptions Objective { get; init; } = new() { Temperature = Temperature.Infinite };

    /// <summary>Independent points per seed; default 1.</summary>
    public int Starts { get; init; } = 1;

    /// <summary>Most structures evaluated together in one graph batch; default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Problems with the settings (empty when valid), one message each naming the setting.</summary>
    /// <returns>Messages.</returns>
    public IReadOnlyList<string> Validate()
    {
        var check = new SettingsCheck();
        check.Box(Box);
        check.Objective(Objective);
        check.Require(Starts >= 1, $"Starts must be ≥ 1; found {Starts}.");
        check.Require(BatchSize >= 1, $"BatchSize must be ≥ 1; found {BatchSize}.");
        return check.Problems;
    }
}
