namespace AdversarialSampling.Samples.Ammonia;

/// <summary>The method keys of results.json, in report order.</summary>
public static class MethodKeys
{
    /// <summary>Gradient attack with the library defaults (GradientAttackOptions.Default from the initial data: kT = the initial energies' spread, ceiling 1.25 spreads (the factors for molecules)).</summary>
    public const string Adversarial = "adversarial";

    /// <summary>Gradient attack with the Paper preset for molecules (kT = 20 kcal/mol, Adam 1e-2, 100 steps, clamp ±3 Å), as is.</summary>
    public const string AdversarialPaper = "adversarialPaper";

    /// <summary>MD-based active learning (MdExplorer: committee Langevin MD, first frame above the uncertainty threshold).</summary>
    public const string MdActiveLearning = "mdActiveLearning";

    /// <summary>Every method, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Adversarial, AdversarialPaper, MdActiveLearning];
}
