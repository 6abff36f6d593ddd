using System.Globalization;

namespace AdversarialSampling.Loop;

/// <summary>
/// Which training structures seed the explorers each generation. The training split is the initial data's
/// training part plus every label added so far (excluding labels above <see cref="RetrainingOptions.EnergyCeiling"/>),
/// each structure once (<see cref="ReplicatedTraining"/>: as often as it is replicated in training). Default <see cref="AllTraining"/>.
/// </summary>
/// <param name="Kind">The rule.</param>
/// <param name="Count">k for <see cref="SeedPolicyKind.LowestEnergy"/> and <see cref="SeedPolicyKind.Random"/> (≥ 1); 0 for <see cref="SeedPolicyKind.AllTraining"/> and <see cref="SeedPolicyKind.ReplicatedTraining"/>.</param>
public sealed record SeedPolicy(SeedPolicyKind Kind, int Count)
{
    /// <summary>Every training structure is a seed (the paper's toy setting).</summary>
    public static SeedPolicy AllTraining { get; } = new(SeedPolicyKind.AllTraining, 0);

    /// <summary>
    /// Every training structure, repeated as in the replicated training set: initial data once, each new label
    /// <see cref="RetrainingOptions.ReplicationWeight"/> times (default 4), so each copy is a seed of its own (a gradient
    /// attack then starts each copy from its own random δ; a random displacement draws its own displacement). This is how
    /// the paper's code seeds its attacker and its random attacker (they iterate over the training data loader).
    /// </summary>
    public static SeedPolicy ReplicatedTraining { get; } = new(SeedPolicyKind.ReplicatedTraining, 0);

    /// <summary>The k lowest-energy training structures (all of them when fewer); validated by <see cref="ActiveLearningLoopBuilder.Build"/> (k ≥ 1).</summary>
    /// <param name="k">Number of seeds (≥ 1).</param>
    /// <returns>The policy.</returns>
    public static SeedPolicy LowestEnergy(int k) => new(SeedPolicyKind.LowestEnergy, k);

    /// <summary>k training structures drawn without replacement, with a seed derived from (loop seed, generation); validated by <see cref="ActiveLearningLoopBuilder.Build"/> (k ≥ 1).</summary>
    /// <param name="k">Number of seeds (≥ 1).</param>
    /// <returns>The policy.</returns>
    public static SeedPolicy Random(int k) => new(SeedPolicyKind.Random, k);

    /// <summary>Problems with the policy (empty when valid).</summary>
    /// <returns>Messages.</returns>
    public IReadOnlyList<string> Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            return [string.Create(CultureInfo.InvariantCulture, $"SeedPolicy kind {(int)Kind} is unknown.")];
        }

        return Kind is SeedPolicyKind.LowestEnergy or SeedPolicyKind.Random && Count < 1
            ? [string.Create(CultureInfo.InvariantCulture, $"SeedPolicy.{Kind} needs k ≥ 1; found {Count}.")]
            : [];
    }

    /// <summary>E.g. "AllTraining", "ReplicatedTraining", "LowestEnergy(20)".</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => Kind is SeedPolicyKind.AllTraining or SeedPolicyKind.ReplicatedTraining ? Kind.ToString() : string.Create(CultureInfo.InvariantCulture, $"{Kind}({Count})");
}
