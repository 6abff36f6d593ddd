using AdversarialSampling.Attacks;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// <c>{"type": "gradient", "preset": "default" | "paper", ...}</c>: the gradient attack. <c>default</c> is
/// <see cref="GradientAttackOptions.Default"/> from the initial data (optional <c>box</c> replaces the grown bounding
/// box); <c>paper</c> is <see cref="GradientAttackOptions.Paper"/> for <c>paperSystem</c> (doubleWell2D, doubleWell1D,
/// molecule). Overrides: <c>steps</c>, <c>learningRate</c> (Å/step), <c>deltaStd</c> (Å), <c>starts</c>, <c>bestStartPerSeed</c>, <c>softModes</c>, <c>result</c>
/// (last, best), <c>targetUncertainty</c>, <c>batchSize</c>, <c>neighborRefreshInterval</c>, <c>energyMode</c>
/// (total, perAtom), <c>energyReference</c> (eV), <c>bounds</c> (see <see cref="BoundsConfig"/>).
/// </summary>
internal sealed record GradientExplorerConfig : ExplorerConfig
{
    private static readonly KeyValuePair<string, bool>[] Presets = [new("default", false), new("paper", true)];

    /// <summary>The <c>paper</c> preset (true) or the library <c>default</c> (false).</summary>
    public bool Paper { get; init; }

    /// <summary>The paper system (paper preset only).</summary>
    public PaperSystem PaperSystem { get; init; } = PaperSystem.DoubleWell2D;

    /// <summary>The default preset's box, or null (the training data's bounding box grown by 1 Å).</summary>
    public AttackBox? Box { get; init; }

    /// <summary>Energy mode, or null (preset's).</summary>
    public BoltzmannEnergy? EnergyMode { get; init; }

    /// <summary>The overrides, applied to the preset (with <see cref="ConfigObject"/> semantics: absent = preset's).</summary>
    public required Func<GradientAttackOptions, GradientAttackOptions> Overrides { get; init; }

    /// <summary>Reads the item (its <c>type</c> was read).</summary>
    /// <param name="o">The item.</param>
    /// <returns>The configuration.</returns>
    public static ExplorerConfig? Read(ConfigObject o)
    {
        var (share, temperature) = ReadCommon(o);
        bool paper = o.Choice("preset", Presets) ?? false;
        var system = paper ? o.Choice("paperSystem", Choices.PaperSystems) ?? PaperSystem.DoubleWell2D : PaperSystem.DoubleWell2D;
        var box = paper ? null : BoundsConfig.ReadBox(o, "box");
        int? steps = o.Int("steps");
        double? rate = o.Number("learningRate"), deltaStd = o.Number("deltaStd");
        int? starts = o.Int("starts");
        bool? bestStart = o.Bool("bestStartPerSeed");
        int? softModes = o.Int("softModes");
        var result = o.Choice("result", Choices.ResultGeometries);
        double? target = o.Number("targetUncertainty");
        int? batch = o.Int("batchSize"), refresh = o.Int("neighborRefreshInterval");
        var (energyMode, objective, bounds) = ReadRestraints(o);

        return new GradientExplorerConfig
        {
            Path = o.Path,
            Share = share,
            Temperature = temperature,
            Paper = paper,
            PaperSystem = system,
            Box = box,
            EnergyMode = energyMode,
            Overrides = options => options with
            {
                Objective = objective(options.Objective),
                Bounds = bounds(options.Bounds),
                Steps = steps ?? options.Steps,
                LearningRate = rate ?? options.LearningRate,
                DeltaStd = deltaStd ?? options.DeltaStd,
                Starts = starts ?? options.Starts,
                BestStartPerSeed = bestStart ?? options.BestStartPerSeed,
                SoftModes = SoftModeSetting.Apply(softModes, options.SoftModes),
                Result = result ?? options.Result,
                TargetUncertainty = target ?? options.TargetUncertainty,
                BatchSize = batch ?? options.BatchSize,
                NeighborRefreshInterval = refresh ?? options.NeighborRefreshInterval,
            },
        };
    }

    /// <inheritdoc />
    public override IAdversarialAttack? Create(ExplorerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        GradientAttackOptions? preset = Paper
            ? GradientAttackOptions.Paper(PaperSystem)
            : context.Problems.Try(Path, () => GradientAttackOptions.Default(
                context.InitialData,
                Box,
                Temperature ?? context.Temperature,
                EnergyMode ?? BoltzmannEnergy.Total));
        if (preset is null)
        {
            return null;
        }

        var options = Overrides(preset);
        options = options with { Objective = Objective(options.Objective, context) };
        return Valid(context, options.Validate()) ? new GradientAttack(options) : null;
    }
}
