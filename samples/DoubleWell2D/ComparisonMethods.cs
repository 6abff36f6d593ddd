using AdversarialSampling.Attacks;
using AdversarialSampling.Loop;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>How each compared method configures the loop: its explorer, its selection and its retraining.</summary>
public static class ComparisonMethods
{
    /// <summary>
    /// σ of the random-displacement baseline per free component (Å): 0.38. Measured once: the Paper-preset attack from
    /// generation-0 committees (initial-data seeds 0–3, 5 × 2→W→W→W→1 with W = 64 and 128, this sample's training) moved
    /// its seeds by 0.48 Å on average (2D norm, 570 attacks); a 2D Gaussian with per-component σ has mean norm σ·√(π/2),
    /// so σ = 0.48 / 1.2533 ≈ 0.38 Å.
    /// </summary>
    public const double RandomDisplacementStd = 0.38;

    /// <summary>
    /// Half-width ε of the uniform random displacement per free component (Å): 0.63, the default shape since
    /// 27 Nov 2026. The paper code's random attacker draws ε·(2·rand − 1) per component; ε is matched to the same
    /// measured scale as <see cref="RandomDisplacementStd"/> (mean 2D displacement norm 0.48 Å): the mean norm of a
    /// point uniform in the square [−ε, ε]² is ε·(√2 + asinh 1)/3 ≈ 0.7652·ε, so ε = 0.48 / 0.7652 ≈ 0.63 Å.
    /// </summary>
    public const double RandomDisplacementHalfWidth = 0.63;

    /// <summary>The random-displacement baseline of a run: uniform ±<see cref="RandomDisplacementHalfWidth"/> (default) or,
    /// with <c>--random-shape gaussian</c>, N(0, <see cref="RandomDisplacementStd"/>²) per component.</summary>
    /// <param name="options">The sample's options.</param>
    /// <returns>The options, with the Paper preset's kT for the reported objective.</returns>
    public static RandomDisplacementOptions RandomDisplacementFor(SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var gaussian = new RandomDisplacementOptions
        {
            Objective = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(PaperThermalEnergy) },
            DisplacementStd = RandomDisplacementStd,
        };
        return options.UniformRandomDisplacement
            ? gaussian with { Distribution = DisplacementDistribution.Uniform, UniformHalfWidth = RandomDisplacementHalfWidth }
            : gaussian;
    }

    /// <summary>kT of the Paper preset on the toy (5, toy energy units treated as eV).</summary>
    public const double PaperThermalEnergy = 5;

    /// <summary>
    /// Retraining of every method: the paper's re-initialisation and 4× replication of new labels, but all of the initial
    /// data in training and no validation split (model selection and early stopping then follow the training loss). The
    /// initial data covers the left basin only, so a validation split of it would pick, every generation, the weights that
    /// fit the left basin best, whatever they do where the new labels are.
    /// </summary>
    public static RetrainingOptions Retraining { get; } = new() { TrainFraction = 1, ValidationFraction = 0 };

    /// <summary>
    /// The retraining of a run: <see cref="Retraining"/>, or with <c>--loop-split</c> the loop's default 60/20/20 split of
    /// the initial data, and with <c>--new-label-validation F</c> that share of the new labels held out for validation
    /// (<see cref="RetrainingOptions.NewLabelValidationFraction"/>).
    /// </summary>
    /// <param name="options">The sample's options.</param>
    /// <returns>The retraining options.</returns>
    public static RetrainingOptions RetrainingFor(SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new RetrainingOptions();
        var split = options.LoopSplit ? Retraining with { TrainFraction = defaults.TrainFraction, ValidationFraction = defaults.ValidationFraction } : Retraining;
        return split with { NewLabelValidationFraction = options.NewLabelValidation };
    }

    /// <summary>The reference box [−1.2, 1.2]² (z is frozen on the particle).</summary>
    public static AttackBox Box { get; } = AttackBox.Xy(-Potentials.DoubleWell2D.TrainingRange, Potentials.DoubleWell2D.TrainingRange, -Potentials.DoubleWell2D.TrainingRange, Potentials.DoubleWell2D.TrainingRange);

    /// <summary>
    /// True for the methods that stand for the paper's own attackers: the three Paper-preset methods and
    /// <c>randomDisplacement</c> (the paper's random attacker). With <see cref="SampleOptions.PaperReplicatedSeeding"/>
    /// (the default) they seed from the replicated training set, as the paper's code does (its attacker and random
    /// attacker iterate over the training loader, where each new label appears <c>ReplicationWeight</c> = 4 times).
    /// </summary>
    /// <param name="method">A <see cref="MethodKeys"/> key.</param>
    /// <returns>Whether the method seeds as the paper's code.</returns>
    public static bool PaperSeeded(string method)
        => method is MethodKeys.AdversarialPaper or MethodKeys.AdversarialPaperWeighted or MethodKeys.AdversarialPaperCeiling or MethodKeys.RandomDisplacement;

    /// <summary>The attack of the <c>adversarial</c> method: <see cref="GradientAttackOptions.Default"/> on the initial data
    /// and the box, with the sample's optional kT, ceiling and step overrides (<c>--attack-kt-spreads</c>,
    /// <c>--attack-ceiling-spreads</c>, <c>--attack-steps</c>; without them, the library defaults as they are).</summary>
    /// <param name="initial">The initial data.</param>
    /// <param name="options">The sample's options.</param>
    /// <returns>The attack options.</returns>
    public static GradientAttackOptions DefaultsAttack(Dataset initial, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = GradientAttackOptions.Default(initial, Box, temperatureSpreads: options.AttackKTSpreads, ceilingSpreads: options.AttackCeilingSpreads);
        return options.AttackSteps is int steps ? defaults with { Steps = steps } : defaults;
    }

    /// <summary>
    /// Adds the method's explorer, selection and retraining to a builder.
    /// <list type="bullet">
    /// <item>adversarial: <see cref="DefaultsAttack"/> (<see cref="GradientAttackOptions.Default"/> from the initial data
    /// with the reference box), the library's default selection;</item>
    /// <item>adversarialPaper: <see cref="GradientAttackOptions.Paper"/> (kT = 5, unbounded), the paper notebook's selection;</item>
    /// <item>adversarialPaperWeighted: the same with <see cref="RetrainingOptions.LossWeighting"/> = Boltzmann weighting at
    /// <see cref="SampleOptions.WeightingKt"/>;</item>
    /// <item>adversarialPaperCeiling: the same with <see cref="RetrainingOptions.EnergyCeiling"/> = <see cref="SampleOptions.Ceiling"/>;</item>
    /// <item>randomDisplacement: every training point displaced once, uniformly in ±<see cref="RandomDisplacementHalfWidth"/>
    /// per component as the paper code's random attacker (or by N(0, <see cref="RandomDisplacementStd"/>²), <see cref="RandomDisplacementFor"/>);</item>
    /// <item>uniform: uniform points in the box.</item>
    /// </list>
    /// The Paper-preset methods and randomDisplacement seed from the replicated training set (<see cref="PaperSeeded"/>)
    /// unless <see cref="SampleOptions.PaperReplicatedSeeding"/> is off; the others seed from every training point once.
    /// Selection: the library defaults use the library's (80th-percentile uncertainty threshold, 0.1 Å distance-to-training
    /// and dedup rules, plain RMSD, random cap). The Paper-preset methods and randomDisplacement use the paper's 2D
    /// notebook's (threshold and cap only, <see cref="SampleOptions.NotebookSelection"/>; the library's with
    /// <c>--paper-selection library</c>), with the threshold's percentile over the training set as replicated in training
    /// (<see cref="SampleOptions.ReplicatedPercentile"/>) and, as the paper code's score, over every free force component with each
    /// of a candidate's components required to reach it (<see cref="SampleOptions.PerComponentThreshold"/>); randomDisplacement keeps that threshold too, as the paper code's loop filters its
    /// random attacker's candidates with the same scores (<see cref="SampleOptions.FilteredRandomDisplacement"/>). Uniform
    /// sampling, the issue's own baseline, has the library's selection without the threshold. Every method trains on all
    /// of the initial data without a validation split (<see cref="Retraining"/>).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="method">A <see cref="MethodKeys"/> key.</param>
    /// <param name="initial">The initial data (for the library defaults).</param>
    /// <param name="options">The sample's options (labels per generation = the selection cap, ceiling, weighting kT).</param>
    /// <returns>The builder.</returns>
    public static ActiveLearningLoopBuilder Configure(ActiveLearningLoopBuilder builder, string method, Dataset initial, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var library = new SelectionOptions { RmsdMode = RmsdMode.Plain, Cap = options.Labels };
        var paper = (options.NotebookSelection ? library with { DistanceToTraining = null, Dedup = DedupMode.None } : library)
            with { PercentileOverReplicatedTraining = options.ReplicatedPercentile, PerComponentForceThreshold = options.PerComponentThreshold };
        var noThreshold = UncertaintyThreshold.ForceVariance(0);
        var paperKt = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(PaperThermalEnergy) };
        var defaults = DefaultsAttack(initial, options);
        var retraining = RetrainingFor(options);
        builder.WithRetraining(retraining);
        if (options.PaperReplicatedSeeding && PaperSeeded(method))
        {
            builder.WithSeedPolicy(SeedPolicy.ReplicatedTraining);
        }

        return method switch
        {
            MethodKeys.Adversarial => builder
                .AddExplorer(new GradientAttack(defaults))
                .WithSelection(library),
            MethodKeys.AdversarialPaper => builder
                .AddExplorer(new GradientAttack(GradientAttackOptions.Paper()))
                .WithSelection(paper),
            MethodKeys.AdversarialPaperWeighted => builder
                .AddExplorer(new GradientAttack(GradientAttackOptions.Paper()))
                .WithSelection(paper)
                .WithRetraining(retraining with { LossWeighting = new BoltzmannLossWeighting { ThermalEnergy = options.WeightingKt } }),
            MethodKeys.AdversarialPaperCeiling => builder
                .AddExplorer(new GradientAttack(GradientAttackOptions.Paper()))
                .WithSelection(paper)
                .WithRetraining(retraining with { EnergyCeiling = options.Ceiling }),
            MethodKeys.RandomDisplacement => builder
                .AddExplorer(new RandomDisplacement(RandomDisplacementFor(options)))
                .WithSelection(options.FilteredRandomDisplacement ? paper : paper with { Threshold = noThreshold }),
            MethodKeys.Uniform => builder
                .AddExplorer(new UniformBoxSampler(new UniformBoxSamplerOptions { Box = Box, Objective = paperKt }))
                .WithSelection(library with { Threshold = noThreshold }),
            _ => throw new ArgumentException($"Unknown method '{method}'; known: {string.Join(", ", MethodKeys.All)}.", nameof(method)),
        };
    }
}
