using AdversarialSampling.Attacks;
using AdversarialSampling.Loop;
using AdversarialSampling.Selection;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Cli.Config;

/// <summary>The names a run configuration accepts for enumerations (camelCase, case-sensitive), in documentation order.</summary>
internal static class Choices
{
    public static readonly KeyValuePair<string, VarianceEstimator>[] Estimators = [new("unbiased", VarianceEstimator.Unbiased), new("population", VarianceEstimator.Population)];

    public static readonly KeyValuePair<string, BoltzmannEnergy>[] EnergyModes = [new("total", BoltzmannEnergy.Total), new("perAtom", BoltzmannEnergy.PerAtom)];

    public static readonly KeyValuePair<string, DisplacementDistribution>[] Distributions = [new("gaussian", DisplacementDistribution.Gaussian), new("uniform", DisplacementDistribution.Uniform)];

    public static readonly KeyValuePair<string, AttackResultGeometry>[] ResultGeometries = [new("last", AttackResultGeometry.Last), new("best", AttackResultGeometry.Best)];

    public static readonly KeyValuePair<string, PaperSystem>[] PaperSystems = [new("doubleWell2D", PaperSystem.DoubleWell2D), new("doubleWell1D", PaperSystem.DoubleWell1D), new("molecule", PaperSystem.Molecule)];

    public static readonly KeyValuePair<string, SeedPolicyKind>[] SeedPolicies = [new("allTraining", SeedPolicyKind.AllTraining), new("lowestEnergy", SeedPolicyKind.LowestEnergy), new("random", SeedPolicyKind.Random), new("replicatedTraining", SeedPolicyKind.ReplicatedTraining)];

    public static readonly KeyValuePair<string, DedupMode>[] DedupModes = [new("singleLinkage", DedupMode.SingleLinkage), new("farthestPoint", DedupMode.FarthestPoint), new("none", DedupMode.None)];

    public static readonly KeyValuePair<string, CapMode>[] CapModes = [new("random", CapMode.Random), new("byScore", CapMode.ByScore)];

    public static readonly KeyValuePair<string, RmsdMode>[] RmsdModes = [new("kabsch", RmsdMode.Kabsch), new("plain", RmsdMode.Plain)];

    public static readonly KeyValuePair<string, RetrainingMode>[] RetrainingModes = [new("reinitialize", RetrainingMode.Reinitialize), new("warmStart", RetrainingMode.WarmStart)];

    public static readonly KeyValuePair<string, bool>[] Precisions = [new("float32", false), new("float64", true)];

    public static readonly KeyValuePair<string, bool>[] ReferenceEnergies = [new("none", false), new("initialDataMedian", true)];
}
