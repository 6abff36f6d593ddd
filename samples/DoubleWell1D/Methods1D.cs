using AdversarialSampling.Attacks;
using AdversarialSampling.Loop;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using Well = AdversarialSampling.Potentials.DoubleWell1D;

namespace AdversarialSampling.Samples.OneDimension;

/// <summary>The compared methods on the 1D double well and how each configures the loop.</summary>
public static class Methods1D
{
    /// <summary>Gradient attack with the library defaults (<see cref="GradientAttackOptions.Default"/>, the line [−1.65, 1.65] Å as its box).</summary>
    public const string Adversarial = "adversarial";

    /// <summary>
    /// The library defaults with the energy window stated: the ceiling at <see cref="WideCeilingSpreads"/> spreads of the
    /// initial energies instead of the default 5, so the barrier (6.6 spreads, 6.6 eV, above the training minimum; spread 0.998 eV) lies inside it.
    /// </summary>
    public const string AdversarialWideWindow = "adversarialWideWindow";

    /// <summary>Ceiling of <see cref="AdversarialWideWindow"/> in spreads of the initial energies: 8 (8.0 eV above the minimum; the barrier is 6.6 eV above it).</summary>
    public const double WideCeilingSpreads = 8;

    /// <summary>Gradient attack with the paper's 1D settings (<see cref="GradientAttackOptions.Paper"/>, <see cref="PaperSystem.DoubleWell1D"/>: kT 5, Adam 1e-3, 400 steps, unbounded).</summary>
    public const string AdversarialPaper = "adversarialPaper";

    /// <summary>The paper's random attacker: every training point displaced once, uniformly in ±<see cref="RandomHalfWidth"/>.</summary>
    public const string RandomDisplacement = "randomDisplacement";

    /// <summary>Uniform points on the line [−1.65, 1.65] Å.</summary>
    public const string Uniform = "uniform";

    /// <summary>Every method, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Adversarial, AdversarialWideWindow, AdversarialPaper, RandomDisplacement, Uniform];

    /// <summary>kT of the Paper preset (5, toy energy units treated as eV).</summary>
    public const double PaperThermalEnergy = 5;

    /// <summary>
    /// Half-width ε of the random displacement (Å): 0.22, matched to the Paper attack's displacement scale as the issue
    /// asks. Measured with <c>--measure-attack-scale --loops 4</c> (generation-0 committees of seeds 0–3, width 64, the
    /// Paper attack from all 66 training points): mean |Δx| = 0.109 Å over 264 attacks (per seed 0.086–0.153 Å). A
    /// uniform draw in ±ε has mean |Δx| = ε/2, so ε = 2 × 0.109 ≈ 0.22 Å.
    /// </summary>
    public const double RandomHalfWidth = 0.22;

    /// <summary>The line the box-bound methods stay on: x in [−1.65, 1.65] Å (y and z are frozen on the particle).</summary>
    public static AttackBox Line { get; } = new(-Well.TrainingRange, Well.TrainingRange, double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>
    /// Retraining of every method: the paper's re-initialisation and 4× replication of new labels, all of the initial data
    /// in training and no validation split (the initial data covers the deep well only; see the 2D sample's reasoning).
    /// </summary>
    public static RetrainingOptions Retraining { get; } = new() { TrainFraction = 1, ValidationFraction = 0 };

    /// <summary>The random baseline's options: uniform ±<see cref="RandomHalfWidth"/>, the Paper preset's kT for the reported objective.</summary>
    public static RandomDisplacementOptions RandomOptions { get; } = new()
    {
        Objective = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(PaperThermalEnergy) },
        Distribution = DisplacementDistribution.Uniform,
        UniformHalfWidth = RandomHalfWidth,
    };

    /// <summary>
    /// Adds the method's explorer, selection and seed policy. The Paper preset and the random baseline seed from the
    /// replicated training set, as the paper's code does; the random baseline keeps the adversarial methods' selection,
    /// uncertainty threshold included, as the paper code's loop filters its random attacker (unless
    /// <paramref name="filteredRandom"/> is false); uniform sampling skips the threshold; every method keeps the distance
    /// and dedup rules (0.1 Å) and the random cap.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="method">A method key (<see cref="All"/>).</param>
    /// <param name="initial">The initial data (for the library defaults).</param>
    /// <param name="labels">Labels per generation (the selection cap).</param>
    /// <param name="filteredRandom">Whether the random baseline's candidates pass the uncertainty threshold (default true).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">Unknown method.</exception>
    public static ActiveLearningLoopBuilder Configure(ActiveLearningLoopBuilder builder, string method, Dataset initial, int labels, bool filteredRandom = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var selection = new SelectionOptions { RmsdMode = RmsdMode.Plain, Cap = labels };
        var unfiltered = selection with { Threshold = UncertaintyThreshold.ForceVariance(0) };
        builder.WithRetraining(Retraining);
        if (method is AdversarialPaper or RandomDisplacement)
        {
            builder.WithSeedPolicy(SeedPolicy.ReplicatedTraining);
        }

        return method switch
        {
            Adversarial => builder.AddExplorer(new GradientAttack(GradientAttackOptions.Default(initial, Line))).WithSelection(selection),
            AdversarialWideWindow => builder.AddExplorer(new GradientAttack(GradientAttackOptions.Default(initial, Line, ceilingSpreads: WideCeilingSpreads))).WithSelection(selection),
            AdversarialPaper => builder.AddExplorer(new GradientAttack(GradientAttackOptions.Paper(PaperSystem.DoubleWell1D))).WithSelection(selection),
            RandomDisplacement => builder.AddExplorer(new Attacks.RandomDisplacement(RandomOptions)).WithSelection(filteredRandom ? selection : unfiltered),
            Uniform => builder.AddExplorer(new UniformBoxSampler(new UniformBoxSamplerOptions { Box = Line, Objective = RandomOptions.Objective })).WithSelection(unfiltered),
            _ => throw new ArgumentException($"Unknown method '{method}'; known: {string.Join(", ", All)}.", nameof(method)),
        };
    }
}
