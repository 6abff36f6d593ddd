using System.Text.Json.Serialization;

namespace AdversarialSampling.Attacks;

/// <summary>The distribution of each free Cartesian component of a random displacement.</summary>
public enum DisplacementDistribution
{
    /// <summary>δ ~ N(0, σ²) with σ = <see cref="RandomDisplacementOptions.DisplacementStd"/> (the default).</summary>
    Gaussian = 0,

    /// <summary>
    /// δ ~ U(−ε, ε) with ε = <see cref="RandomDisplacementOptions.UniformHalfWidth"/>: the paper code's random attacker
    /// (<c>RandomAttacker</c> in robust/attacks.py draws ε·(2·rand − 1) per component). Its standard deviation is ε/√3.
    /// </summary>
    Uniform = 1,
}

/// <summary>
/// Settings of the <see cref="RandomDisplacement"/> baseline: each seed (× start) is displaced once by
/// δ ~ N(0, σ²) (default) or δ ~ U(−ε, ε) per free component, under the same bounds and objective as the gradient attack.
/// </summary>
public sealed record RandomDisplacementOptions
{
    /// <summary>The objective, used to report u and the log objective and to apply the energy ceiling (its temperature must be set).</summary>
    public AttackObjectiveOptions Objective { get; init; } = new();

    /// <summary>Restraints (clamp, box, per-atom norm, distance guard, energy ceiling); default none.</summary>
    public AttackBounds Bounds { get; init; } = AttackBounds.None;

    /// <summary>Standard deviation σ of the displacement per free Cartesian component (Å); default 0.1.</summary>
    public double DisplacementStd { get; init; } = 0.1;

    /// <summary>
    /// The distribution of each component: <see cref="DisplacementDistribution.Gaussian"/> (default, σ =
    /// <see cref="DisplacementStd"/>) or <see cref="DisplacementDistribution.Uniform"/> (ε = <see cref="UniformHalfWidth"/>,
    /// the paper code's random attacker).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] // the default leaves the fingerprints of earlier runs unchanged
    public DisplacementDistribution Distribution { get; init; } = DisplacementDistribution.Gaussian;

    /// <summary>
    /// Half-width ε of the uniform displacement per free Cartesian component (Å), used when <see cref="Distribution"/> is
    /// <see cref="DisplacementDistribution.Uniform"/>, and then required to be &gt; 0; default 0 (not set). The
    /// paper code's default is 0.01 Å; to match a Gaussian's σ use ε = √3·σ, to match a mean 2D displacement norm d use
    /// ε ≈ d / 0.7652.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double UniformHalfWidth { get; init; }

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
        check.Require(double.IsFinite(UniformHalfWidth) && UniformHalfWidth >= 0, $"UniformHalfWidth must be ≥ 0 and finite (Å); found {UniformHalfWidth}.");
        check.Require(Enum.IsDefined(Distribution), $"Distribution must be Gaussian or Uniform; found {(int)Distribution}.");
        check.Require(Distribution != DisplacementDistribution.Uniform || UniformHalfWidth > 0, $"UniformHalfWidth must be > 0 (Å) when Distribution is Uniform; found {UniformHalfWidth}.");
        check.Require(Starts >= 1, $"Starts must be ≥ 1; found {Starts}.");
        check.Require(MaxTries >= 1, $"MaxTries must be ≥ 1; found {MaxTries}.");
        check.Require(BatchSize >= 1, $"BatchSize must be ≥ 1; found {BatchSize}.");
        return check.Problems;
    }
}
