using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using TorchSharp;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// The <c>committee</c> section: <c>model</c> (<c>{"kind": "mlp", ...}</c> or <c>{"kind": "schnet", ...}</c>),
/// <c>members</c>, <c>precision</c>, <c>evaluationBatchSize</c> and <c>training</c>. Values are checked by the loop
/// builder (one exception listing every problem).
/// </summary>
internal sealed record CommitteeConfig
{
    private static readonly KeyValuePair<string, bool>[] Kinds = [new("mlp", true), new("schnet", false)];

    /// <summary>The architecture (for an MLP without <c>atomCount</c>, <see cref="MlpSpec.AtomCount"/> is taken from the initial data).</summary>
    public required ModelSpec Spec { get; init; }

    /// <summary>Whether an MLP's atom count was given.</summary>
    public bool AtomCountGiven { get; init; }

    /// <summary>Committee size, precision and training.</summary>
    public required CommitteeOptions Options { get; init; }

    /// <summary>Reads the section.</summary>
    /// <param name="o">The section.</param>
    /// <returns>The configuration, or null (problems recorded).</returns>
    public static CommitteeConfig? Read(ConfigObject o)
    {
        ModelSpec? spec = null;
        bool atomCountGiven = false;
        if (o.Require("model") && o.Object("model") is { } m && m.Require("kind") && m.Choice("kind", Kinds) is bool mlp)
        {
            (spec, atomCountGiven) = mlp ? ReadMlp(m) : (ReadSchNet(m), false);
        }

        var defaults = new CommitteeOptions();
        var options = new CommitteeOptions
        {
            Members = o.Int("members") ?? defaults.Members,
            DType = o.Choice("precision", Choices.Precisions) == true ? torch.ScalarType.Float64 : torch.ScalarType.Float32,
            EvaluationBatchSize = o.Int("evaluationBatchSize") ?? defaults.EvaluationBatchSize,
            Training = o.Object("training") is { } t ? ReadTraining(t) : defaults.Training,
        };
        o.Finish();
        return spec is null ? null : new CommitteeConfig { Spec = spec, AtomCountGiven = atomCountGiven, Options = options };
    }

    /// <summary>The spec for the given initial data (an MLP without atom count takes the data's, when all frames agree).</summary>
    /// <param name="initial">The initial data.</param>
    /// <returns>The spec.</returns>
    public ModelSpec SpecFor(Dataset initial)
    {
        if (Spec is not MlpSpec mlp || AtomCountGiven || initial.Count == 0)
        {
            return Spec;
        }

        int n = initial[0].Structure.AtomCount;
        return initial.All(s => s.Structure.AtomCount == n) ? mlp with { AtomCount = n } : Spec;
    }

    private static (ModelSpec Spec, bool AtomCountGiven) ReadMlp(ConfigObject m)
    {
        var d = new MlpSpec();
        int? atomCount = m.Int("atomCount");
        var spec = new MlpSpec
        {
            AtomCount = atomCount ?? d.AtomCount,
            InputComponents = m.Ints("inputComponents") is { } c ? [.. c] : d.InputComponents,
            Width = m.Int("width") ?? d.Width,
            Depth = m.Int("depth") ?? d.Depth,
            NormalizeEnergy = m.Bool("normalizeEnergy") ?? d.NormalizeEnergy,
            NormalizeInputs = m.Bool("normalizeInputs") ?? d.NormalizeInputs,
        };
        m.Finish();
        return (spec, atomCount is not null);
    }

    private static SchNetSpec ReadSchNet(ConfigObject m)
    {
        var d = new SchNetSpec();
        var spec = new SchNetSpec
        {
            Cutoff = m.Number("cutoff") ?? d.Cutoff,
            Features = m.Int("features") ?? d.Features,
            Interactions = m.Int("interactions") ?? d.Interactions,
            Gaussians = m.Int("gaussians") ?? d.Gaussians,
            FilterWidth = m.Int("filterWidth") ?? d.FilterWidth,
            ReadoutWidth = m.Int("readoutWidth") ?? d.ReadoutWidth,
            MaxAtomicNumber = m.Int("maxAtomicNumber") ?? d.MaxAtomicNumber,
        };
        m.Finish();
        return spec;
    }

    private static TrainingOptions ReadTraining(ConfigObject t)
    {
        var d = new TrainingOptions();
        var training = new TrainingOptions
        {
            Epochs = t.Int("epochs") ?? d.Epochs,
            BatchSize = t.Int("batchSize") ?? d.BatchSize,
            LearningRate = t.Number("learningRate") ?? d.LearningRate,
            EnergyWeight = t.Number("energyWeight") ?? d.EnergyWeight,
            ForceWeight = t.Number("forceWeight") ?? d.ForceWeight,
            PlateauFactor = t.Number("plateauFactor") ?? d.PlateauFactor,
            PlateauPatience = t.Int("plateauPatience") ?? d.PlateauPatience,
            PlateauThreshold = t.Number("plateauThreshold") ?? d.PlateauThreshold,
            MinLearningRate = t.Number("minLearningRate") ?? d.MinLearningRate,
            EarlyStoppingPatience = t.Int("earlyStoppingPatience") ?? d.EarlyStoppingPatience,
            GradientClipNorm = t.Number("gradientClipNorm") ?? d.GradientClipNorm,
            MaxRollbacks = t.Int("maxRollbacks") ?? d.MaxRollbacks,
        };
        t.Finish();
        return training;
    }
}
