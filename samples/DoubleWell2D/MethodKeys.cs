namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>The method keys of results.json, in the order the report lists them.</summary>
public static class MethodKeys
{
    /// <summary>Gradient attack with the library defaults (GradientAttackOptions.Default: bounded box, ceiling, kT from the energy spread).</summary>
    public const string Adversarial = "adversarial";

    /// <summary>Gradient attack with the Paper preset (kT = 5, unbounded, 600 Adam steps at 3e-3).</summary>
    public const string AdversarialPaper = "adversarialPaper";

    /// <summary>The Paper preset with a retraining energy ceiling (labels far above the region of interest are kept out of training).</summary>
    public const string AdversarialPaperCeiling = "adversarialPaperCeiling";

    /// <summary>The Paper preset with Boltzmann-style loss weighting (<see cref="Loop.RetrainingOptions.LossWeighting"/>, kT = 5): every label is trained on, high ones with a small weight.</summary>
    public const string AdversarialPaperWeighted = "adversarialPaperWeighted";

    /// <summary>Random displacements of the training points (the paper's random attacker), at the attack's displacement scale.</summary>
    public const string RandomDisplacement = "randomDisplacement";

    /// <summary>Uniform points in the box [−1.2, 1.2]².</summary>
    public const string Uniform = "uniform";

    /// <summary>Every method, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Adversarial, AdversarialPaper, AdversarialPaperWeighted, AdversarialPaperCeiling, RandomDisplacement, Uniform];

    /// <summary>The methods the default run compares: the four plus the loss-weighting variant (the ceiling variant on request).</summary>
    public static IReadOnlyList<string> Default { get; } = [Adversarial, AdversarialPaper, AdversarialPaperWeighted, RandomDisplacement, Uniform];
}
