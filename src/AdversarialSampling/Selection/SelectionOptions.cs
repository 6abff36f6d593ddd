using System.Globalization;
using System.Text.Json.Serialization;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Selection;

/// <summary>
/// Options of <see cref="CandidateSelector"/>. Defaults follow the paper: keep candidates whose uncertainty is
/// at least the 80th percentile of the training set's, drop those within 0.1 Å RMSD of a training structure,
/// deduplicate by single-linkage clustering at 0.1 Å, then keep a random 20 (seed 0).
/// </summary>
public sealed record SelectionOptions
{
    /// <summary>Percentile (0–100) of the training uncertainties used as threshold when <see cref="Threshold"/> is null; default 80 (numpy's linear interpolation).</summary>
    public double Percentile { get; init; } = 80;

    /// <summary>
    /// In the active-learning loop: take the <see cref="Percentile"/> over the training set as the committee trains on
    /// it, each structure counted as often as it is replicated (new labels <see cref="Loop.RetrainingOptions.ReplicationWeight"/>
    /// times), as the paper code's loop does (it evaluates the threshold over its replicated training loader). Default
    /// false: each training structure counts once. Ignored with an explicit <see cref="Threshold"/>, and by
    /// <see cref="CandidateSelector"/> itself, whose caller passes the training scores.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] // false leaves the fingerprints of earlier runs unchanged
    public bool PercentileOverReplicatedTraining { get; init; }

    /// <summary>
    /// In the active-learning loop, with the <see cref="Uncertainty.ForceVariance"/> metric: the paper code's threshold rule
    /// (its <c>UncertaintyPercentile</c> score). The threshold is the <see cref="Percentile"/> of every free force component's
    /// member variance (eV²/Å²) of the training structures pooled (each structure's components counted as often as the
    /// structure with <see cref="PercentileOverReplicatedTraining"/>), and a candidate passes only if the variance of each of
    /// its free components reaches it: its score, recorded and reported, is the smallest of them. Frozen components (the
    /// structure's constraints) are left out; a structure with every component frozen counts all of them. Default false: the
    /// metric's value per structure against the percentile of those values.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] // false leaves the fingerprints of earlier runs unchanged
    public bool PerComponentForceThreshold { get; init; }

    /// <summary>An explicit threshold that replaces the percentile; its unit must equal the scores' unit. Default null (use the percentile).</summary>
    public UncertaintyThreshold? Threshold { get; init; }

    /// <summary>Candidates with RMSD ≤ this (Å) to any training structure are duplicates; null disables the rule. Default 0.1 Å.</summary>
    public double? DistanceToTraining { get; init; } = 0.1;

    /// <summary>Dedup radius between candidates (Å, RMSD ≤ radius links two candidates). Default 0.1 Å.</summary>
    public double DistanceBetweenCandidates { get; init; } = 0.1;

    /// <summary>How candidates close to each other are thinned; default <see cref="DedupMode.SingleLinkage"/>.</summary>
    public DedupMode Dedup { get; init; } = DedupMode.SingleLinkage;

    /// <summary>Most candidates accepted per call (per generation); null for no cap. Default 20.</summary>
    public int? Cap { get; init; } = 20;

    /// <summary>How the cap chooses; default <see cref="CapMode.Random"/>.</summary>
    public CapMode CapMode { get; init; } = CapMode.Random;

    /// <summary>Seed of the random cap; default 0. The same inputs and seed always give the same selection.</summary>
    public int Seed { get; init; }

    /// <summary>RMSD for finite structures; default <see cref="RmsdMode.Kabsch"/> (use <see cref="RmsdMode.Plain"/> for fixed frames such as toy surfaces). Periodic structures always use the plain minimum-image RMSD.</summary>
    public RmsdMode RmsdMode { get; init; } = RmsdMode.Kabsch;

    /// <summary>Candidates with two atoms closer than this (Å, minimum image) are invalid; default 0 (off).</summary>
    public double MinimumInteratomicDistance { get; init; }

    /// <summary>Throws one exception listing every invalid option.</summary>
    /// <exception cref="ArgumentException">At least one option is invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (!(Percentile >= 0 && Percentile <= 100))
        {
            problems.Add($"Percentile must be in [0, 100]; got {Format(Percentile)}.");
        }

        if (Threshold is { } t && double.IsNaN(t.Value))
        {
            problems.Add("Threshold must not be NaN.");
        }

        if (DistanceToTraining is { } dt && !(dt >= 0 && double.IsFinite(dt)))
        {
            problems.Add($"DistanceToTraining must be finite and ≥ 0 Å (or null to disable); got {Format(dt)}.");
        }

        if (!(DistanceBetweenCandidates >= 0 && double.IsFinite(DistanceBetweenCandidates)))
        {
            problems.Add($"DistanceBetweenCandidates must be finite and ≥ 0 Å; got {Format(DistanceBetweenCandidates)}.");
        }

        if (Cap is < 0)
        {
            problems.Add($"Cap must be ≥ 0 (or null for no cap); got {Cap.Value.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!Enum.IsDefined(Dedup))
        {
            problems.Add($"Dedup mode {Dedup} is unknown.");
        }

        if (!Enum.IsDefined(CapMode))
        {
            problems.Add($"Cap mode {CapMode} is unknown.");
        }

        if (!Enum.IsDefined(RmsdMode))
        {
            problems.Add($"RMSD mode {RmsdMode} is unknown.");
        }

        if (!(MinimumInteratomicDistance >= 0 && double.IsFinite(MinimumInteratomicDistance)))
        {
            problems.Add($"MinimumInteratomicDistance must be finite and ≥ 0 Å; got {Format(MinimumInteratomicDistance)}.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid selection options: " + string.Join(" ", problems));
        }
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
