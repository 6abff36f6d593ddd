using System.Text.Json.Serialization;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Attacks;

/// <summary>
/// Settings of <see cref="GradientAttack"/>. Start from a preset: <see cref="Default"/> (the library's
/// bounded attack, with bounds derived from the training data) or <see cref="Paper"/> (the reference code's
/// settings, unbounded, for reproduction). Property defaults are the paper's 2D double-well attack without a
/// temperature, which must always be chosen explicitly.
/// </summary>
public sealed record GradientAttackOptions
{
    /// <summary>
    /// Default preset for a model surface (training structures of one particle, e.g. the toy double wells): kT = this × the
    /// spread (max − min) of the training energies. Value: 2 (measured on the 2D double well).
    /// </summary>
    public const double DefaultTemperatureFactor = 2.0;

    /// <summary>
    /// Default preset for a model surface (one particle): energy ceiling = this × the training energy spread above the
    /// training minimum (4 spreads above the training maximum). Value: 5.
    /// </summary>
    public const double DefaultCeilingFactor = 5.0;

    /// <summary>
    /// Default preset for molecules and materials (training structures of two or more atoms): kT = this × the training
    /// energy spread. Value: 1 (measured on NH3 with xtb, docs/reproduction-ammonia.md; periodic materials not yet measured).
    /// </summary>
    public const double MolecularTemperatureFactor = 1.0;

    /// <summary>
    /// Default preset for molecules and materials (two or more atoms): energy ceiling = this × the training energy spread
    /// above the training minimum (a quarter of a spread above the training maximum when the minimum is in the data). Value:
    /// 1.25 (measured on NH3 with xtb, docs/reproduction-ammonia.md: with 2 the attack labelled at a median 8.7 kcal/mol,
    /// 1.4× the 6.1 kcal/mol inversion barrier; with 1.25 at 5.2–5.6 kcal/mol, at the barrier's energy, and the committee
    /// barrier came closer to xtb's).
    /// </summary>
    public const double MolecularCeilingFactor = 1.25;

    /// <summary>
    /// Default preset for molecules (non-periodic training structures of two or more atoms): <see cref="SoftModes"/>, the
    /// softest internal modes each seed moves along. Value: 1. Measured on NH3 with xtb (docs/reproduction-ammonia.md,
    /// seeds 40–42): unrestricted, the attacks stretched N–H bonds and stopped at the energy ceiling after one or two Adam
    /// steps, and the committee barrier came within 0.5 kcal/mol of xtb's after 82 labels, 90 labels and never; along the
    /// softest mode (the inversion) it did so after 30 labels in every seed. Model surfaces and periodic materials keep
    /// every coordinate (null).
    /// </summary>
    public const int MolecularSoftModes = 1;

    /// <summary>Default preset: without a user box, the training structures' bounding box grown by this margin (Å) on every side. Value: 1 Å.</summary>
    public const double DefaultBoxMargin = 1.0;

    /// <summary>Default preset: minimum-distance guard, as a fraction of the covalent-radius sum. Value: 0.5.</summary>
    public const double DefaultMinDistanceFactor = 0.5;

    /// <summary>
    /// Default preset: minimum-distance guard relative to the training data, as a fraction of the shortest training
    /// distance of each element pair (<see cref="AttackBounds.MinTrainingDistanceFactor"/>). Value: 0.9.
    /// </summary>
    public const double DefaultMinTrainingDistanceFactor = 0.9;

    /// <summary>Default preset for molecules and materials (two or more atoms): Adam steps per seed. Value: 100 (a short
    /// attack; see <see cref="Default"/>).</summary>
    public const int DefaultSteps = 100;

    /// <summary>
    /// Default preset for a model surface (one particle): Adam steps per seed. Value: 150, a reach of about 1.5 Å per
    /// generation instead of 1 Å. Measured on the 2D double well trained on the left basin
    /// (docs/reproduction-doublewell2d.md): with 100 steps, 19 of 20 loops had a label in the right-hand well by
    /// generation 3; with 150, 20 of 20 (16 already in generation 1), and 20 of 20 on the held-out seeds 20–39 (100 steps: 19 of 20).
    /// </summary>
    public const int ModelSurfaceSteps = 150;

    /// <summary>Default preset: Adam learning rate (Å per step). Value: 1e-2.</summary>
    public const double DefaultLearningRate = 1e-2;

    /// <summary>The objective (temperature, energy mode and reference, uncertainty metric).</summary>
    public AttackObjectiveOptions Objective { get; init; } = new();

    /// <summary>Restraints; default <see cref="AttackBounds.None"/> (unbounded, as the paper).</summary>
    public AttackBounds Bounds { get; init; } = AttackBounds.None;

    /// <summary>Adam steps per seed; default 600.</summary>
    public int Steps { get; init; } = 600;

    /// <summary>Adam learning rate (Å per step, roughly the largest move per component and step); default 3e-3.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Adam β₁; default 0.9 (PyTorch's default).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β₂; default 0.999 (PyTorch's default).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam ε; default 1e-8 (PyTorch's default).</summary>
    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>Standard deviation σ of the random start δ₀ ~ N(0, σ²) per free component (Å); default 0.01. Zero starts at the seed.</summary>
    public double DeltaStd { get; init; } = 0.01;

    /// <summary>Random starts per seed (independent δ₀; outcomes ordered by seed then start); default 1.</summary>
    public int Starts { get; init; } = 1;

    /// <summary>
    /// With <see cref="Starts"/> &gt; 1, return for each seed only the start whose final log objective is highest
    /// (<see cref="AttackOutcome.LogObjectiveAfter"/>; ties: the first start): a multi-start ascent that keeps the
    /// best local maximum found from each seed, instead of one outcome per start. <see cref="AttackOutcome.Start"/>
    /// tells which start it was. Default false (every start is returned, ordered by seed then start).
    /// </summary>
    public bool BestStartPerSeed { get; init; }

    /// <summary>
    /// Restrict the ascent to each seed's k softest internal modes; null (default) = off, every free component moves.
    /// At each seed the committee-mean energy's Hessian (eV/Å², central differences of the committee-mean forces with a
    /// 0.005 Å step: 2 × 3N batched committee evaluations before the first step) is diagonalised after removing
    /// rigid-body motion (translations, and rotations for a non-periodic structure of two or more atoms with nothing
    /// frozen); the random start, every gradient and every Adam step are projected onto the eigenvectors with the k
    /// lowest eigenvalues (all internal modes when there are fewer than k). These are the collective motions that
    /// molecular dynamics follows (for NH3: k = 1 is the umbrella inversion, k = 3 adds the two bends), where the
    /// unrestricted ascent spends its energy budget on stiff bond stretches. The basis is fixed at the seed; the bounds
    /// still apply to every step. Must be ≥ 1 when set.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] // null leaves the fingerprints of earlier runs unchanged
    public int? SoftModes { get; init; }

    /// <summary>Neighbour lists of cutoff models are rebuilt every this many steps; default 10.</summary>
    public int NeighborRefreshInterval { get; init; } = 10;

    /// <summary>Stop a seed as soon as its uncertainty reaches this value (metric unit); null (default) = never.</summary>
    public double? TargetUncertainty { get; init; }

    /// <summary>Which geometry is returned: the last accepted (default, as the paper) or the best.</summary>
    public AttackResultGeometry Result { get; init; } = AttackResultGeometry.Last;

    /// <summary>Record every accepted state in <see cref="AttackOutcome.Trace"/>; default false.</summary>
    public bool RecordTrace { get; init; }

    /// <summary>Most structures (seeds × starts) attacked together in one graph batch; default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>
    /// The reference code's settings (method.md §3), unbounded, for reproducing the paper: 1D/2D double well
    /// kT = 5 (toy units = eV), Adam 1e-3 / 3e-3, 400 / 600 steps; molecules kT = 20 kcal/mol, Adam 1e-2,
    /// 100 steps, clamp ±3 Å. δ std 0.01, last geometry, total energies.
    /// </summary>
    /// <param name="system">Which reference setting; default the 2D double well.</param>
    /// <returns>The options.</returns>
    public static GradientAttackOptions Paper(PaperSystem system = PaperSystem.DoubleWell2D) => system switch
    {
        PaperSystem.DoubleWell1D => new()
        {
            Objective = new() { Temperature = Temperature.FromThermalEnergy(5) },
            Steps = 400,
            LearningRate = 1e-3,
        },
        PaperSystem.DoubleWell2D => new()
        {
            Objective = new() { Temperature = Temperature.FromThermalEnergy(5) },
            Steps = 600,
            LearningRate = 3e-3,
        },
        PaperSystem.Molecule => new()
        {
            Objective = new() { Temperature = Temperature.FromThermalEnergy(20 * Units.KcalPerMol) },
            Bounds = new AttackBounds { Epsilon = 3 },
            Steps = 100,
            LearningRate = 1e-2,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, "Unknown paper system."),
    };

    /// <summary>
    /// The library's default: a short, bounded attack with its temperature and bounds derived from the training data, so
    /// the attack stays where the committee's energies mean something and different seeds give different candidates:
    /// <list type="bullet">
    /// <item>kT = a × spread, spread = max − min of the training energies (in <paramref name="energyMode"/>), unless
    /// <paramref name="temperature"/> is given, and an energy ceiling of c × spread above the training minimum. The factors
    /// depend on the kind of system, as the paper's own settings do (method.md §3): for a model surface, whose training
    /// structures have one particle, a = <see cref="DefaultTemperatureFactor"/> (2) and c = <see cref="DefaultCeilingFactor"/> (5),
    /// measured on the 2D double well, whose saddle lies 2.1 spreads above the training minimum (its second well 1.4); for molecules and
    /// materials (two or more atoms), a = <see cref="MolecularTemperatureFactor"/> (1) and c = <see cref="MolecularCeilingFactor"/> (1.25),
    /// measured on NH3, where the thermal spread of many degrees of freedom makes a spread larger relative to the
    /// barriers of interest (the inversion barrier is 1.2–1.4 spreads of the sub-barrier data). On the sample's small
    /// committee (5 seeds, median barrier error after 3 generations): with 2 and 5 the attack labelled geometries at a
    /// median 22 kcal/mol and the barrier ended 1.07 kcal/mol low; with 1 and 2 at 8.6–8.8 kcal/mol and 0.61 low; with
    /// 1 and 1.25 at the barrier's energy and 0.55 low. The ceiling is on the committee's energy, and the committee
    /// underestimates barriers it has not seen, so the transition state stays reachable: on the NH3 acceptance committee
    /// the energy-variance attack still ends planar for 10 of 20 seeds (15 with a ceiling of 2).
    /// <paramref name="temperatureSpreads"/> and <paramref name="ceilingSpreads"/> override them;</item>
    /// <item>box = <paramref name="box"/>, or the training structures' bounding box grown by
    /// <see cref="DefaultBoxMargin"/> Å;</item>
    /// <item>minimum-distance guard <see cref="DefaultMinDistanceFactor"/> × (r_cov,i + r_cov,j), and no pair closer than
    /// <see cref="DefaultMinTrainingDistanceFactor"/> × the shortest distance of its two elements in the training
    /// structures (the committee's energy means nothing on a repulsive wall it has never seen; on NH3 the attack
    /// otherwise pushed two H atoms to 0.94 Å, 2.2 eV above the minimum by GFN2-xTB, at a predicted 0.09 eV);</item>
    /// <item><see cref="DefaultSteps"/> Adam steps (<see cref="ModelSurfaceSteps"/> for one-particle model surfaces) at
    /// <see cref="DefaultLearningRate"/> (δ std 0.01): each seed moves at most about steps × learning rate per component
    /// (1 Å, 1.5 Å on model surfaces), enough to cross a barrier region in a generation or two, but too few for every seed
    /// to converge on the same few maxima of the objective. The paper's 600 steps at 3e-3
    /// converge: on the 2D double well most of 116 seeds ended on 3–5 points, which the 0.1 Å deduplication then reduced
    /// to about 4 labels per generation (mode collapse);</item>
    /// <item>the best accepted geometry of each trajectory is returned;</item>
    /// <item>for molecules (non-periodic, two or more atoms per structure), each seed moves only along its
    /// <see cref="MolecularSoftModes"/> softest internal mode (<see cref="SoftModes"/>, see <see cref="DefaultSoftModes"/>);
    /// model surfaces and periodic materials move every coordinate.</item>
    /// </list>
    /// Measured on the 2D double well trained on the left basin (docs/reproduction-doublewell2d.md): every attacked
    /// point stays in the box and under the ceiling, the loop labels about twice as many distinct points per generation
    /// as with the paper's optimiser, and reaches the second well sooner.
    /// </summary>
    /// <param name="training">The committee's training data (at least one sample; two distinct energies unless <paramref name="temperature"/> is given).</param>
    /// <param name="box">The physically relevant region, if known (e.g. the toy's [−1.2, 1.2]²); default the grown bounding box.</param>
    /// <param name="temperature">An explicit temperature; default from the energy spread.</param>
    /// <param name="energyMode">Total (default) or per-atom energies, on both sides.</param>
    /// <param name="temperatureSpreads">kT in training-energy spreads when <paramref name="temperature"/> is not given
    /// (dimensionless, positive and finite; default by system kind: <see cref="DefaultTemperatureFactor"/> for one-particle
    /// structures, <see cref="MolecularTemperatureFactor"/> otherwise).</param>
    /// <param name="ceilingSpreads">The predicted-energy ceiling above the training minimum, in training-energy spreads
    /// (dimensionless, positive and finite; default by system kind: <see cref="DefaultCeilingFactor"/> or
    /// <see cref="MolecularCeilingFactor"/>).</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">Empty training set, zero energy spread without an explicit temperature, or a
    /// factor that is not positive and finite.</exception>
    public static GradientAttackOptions Default(
        Dataset training,
        AttackBox? box = null,
        Temperature? temperature = null,
        BoltzmannEnergy energyMode = BoltzmannEnergy.Total,
        double? temperatureSpreads = null,
        double? ceilingSpreads = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0)
        {
            throw new ArgumentException("The default attack settings are derived from the training data; the training set is empty.", nameof(training));
        }

        var (a, c) = DefaultSpreadFactors(training);
        double kTSpreads = temperatureSpreads ?? a, ceilingInSpreads = ceilingSpreads ?? c;
        if (!(kTSpreads > 0) || !double.IsFinite(kTSpreads))
        {
            throw new ArgumentException($"temperatureSpreads (kT in training-energy spreads) must be positive and finite; found {kTSpreads}.", nameof(temperatureSpreads));
        }

        if (!(ceilingInSpreads > 0) || !double.IsFinite(ceilingInSpreads))
        {
            throw new ArgumentException($"ceilingSpreads (the energy ceiling in training-energy spreads) must be positive and finite; found {ceilingInSpreads}.", nameof(ceilingSpreads));
        }

        var energies = training.Select(s => energyMode == BoltzmannEnergy.PerAtom ? s.EnergyPerAtom : s.Energy).ToArray();
        double spread = energies.Max() - energies.Min();
        if (!(spread > 0) && temperature is null)
        {
            throw new ArgumentException("All training energies are equal, so no temperature can be derived from their spread; pass an explicit temperature.", nameof(training));
        }

        var kT = temperature ?? Temperature.FromThermalEnergy(kTSpreads * spread);
        double spreadUnit = spread > 0 ? spread : kT.KT;
        return new GradientAttackOptions
        {
            Objective = new AttackObjectiveOptions { Temperature = kT, EnergyMode = energyMode },
            Bounds = new AttackBounds
            {
                Box = box ?? AttackBox.BoundingBox(training.Select(s => s.Structure), DefaultBoxMargin),
                EnergyCeiling = double.IsFinite(spreadUnit) ? ceilingInSpreads * spreadUnit : null,
                MinDistanceFactor = DefaultMinDistanceFactor,
                MinTrainingDistanceFactor = DefaultMinTrainingDistanceFactor,
            },
            Steps = DefaultStepCount(training),
            LearningRate = DefaultLearningRate,
            Result = AttackResultGeometry.Best,
            SoftModes = DefaultSoftModes(training),
        };
    }

    /// <summary>
    /// The default's <see cref="SoftModes"/> for this training set: <see cref="MolecularSoftModes"/> when every structure is
    /// a molecule (two or more atoms, no cell), otherwise null (every coordinate moves: model surfaces, materials).
    /// </summary>
    /// <param name="training">The training data.</param>
    /// <returns>The number of soft modes, or null.</returns>
    public static int? DefaultSoftModes(Dataset training) => IsMolecular(training) ? MolecularSoftModes : null;

    /// <summary>
    /// The default's (kT, ceiling) factors in training-energy spreads for this training set: (<see cref="DefaultTemperatureFactor"/>,
    /// <see cref="DefaultCeilingFactor"/>) when every structure has one particle (a model surface), otherwise
    /// (<see cref="MolecularTemperatureFactor"/>, <see cref="MolecularCeilingFactor"/>).
    /// </summary>
    /// <param name="training">The training data.</param>
    /// <returns>The two factors (dimensionless).</returns>
    public static (double Temperature, double Ceiling) DefaultSpreadFactors(Dataset training) => IsModelSurface(training)
        ? (DefaultTemperatureFactor, DefaultCeilingFactor)
        : (MolecularTemperatureFactor, MolecularCeilingFactor);

    /// <summary>
    /// The default's Adam step count for this training set: <see cref="ModelSurfaceSteps"/> when every structure has one
    /// particle (a model surface), otherwise <see cref="DefaultSteps"/>.
    /// </summary>
    /// <param name="training">The training data.</param>
    /// <returns>Adam steps per seed.</returns>
    public static int DefaultStepCount(Dataset training) => IsModelSurface(training) ? ModelSurfaceSteps : DefaultSteps;

    /// <summary>Whether every training structure has one particle (a model surface such as the toy double wells): the
    /// system kind that picks the default preset's factors and step count.</summary>
    private static bool IsModelSurface(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return training.All(s => s.Structure.AtomCount == 1);
    }

    /// <summary>Whether the training set is not empty and every structure is a molecule (two or more atoms, no cell): the
    /// system kind that picks the default preset's soft modes.</summary>
    private static bool IsMolecular(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return training.Count > 0 && training.All(s => s.Structure.AtomCount >= 2 && s.Structure.Cell is null);
    }

    /// <summary>Problems with the settings (empty when valid), one message each naming the setting.</summary>
    /// <returns>Messages.</returns>
    public IReadOnlyList<string> Validate()
    {
        var check = new SettingsCheck();
        check.Objective(Objective);
        check.Bounds(Bounds);
        check.Require(Steps >= 0, $"Steps must be ≥ 0; found {Steps}.");
        check.Require(LearningRate > 0 && double.IsFinite(LearningRate), $"LearningRate must be positive and finite (Å/step); found {LearningRate}.");
        check.Require(Beta1 >= 0 && Beta1 < 1, $"Beta1 must be in [0, 1); found {Beta1}.");
        check.Require(Beta2 >= 0 && Beta2 < 1, $"Beta2 must be in [0, 1); found {Beta2}.");
        check.Require(AdamEpsilon > 0 && double.IsFinite(AdamEpsilon), $"AdamEpsilon must be positive and finite; found {AdamEpsilon}.");
        check.Require(DeltaStd >= 0 && double.IsFinite(DeltaStd), $"DeltaStd must be ≥ 0 and finite (Å); found {DeltaStd}.");
        check.Require(Starts >= 1, $"Starts must be ≥ 1; found {Starts}.");
        check.Require(NeighborRefreshInterval >= 1, $"NeighborRefreshInterval must be ≥ 1 step; found {NeighborRefreshInterval}.");
        check.Require(TargetUncertainty is null || (TargetUncertainty > 0 && double.IsFinite(TargetUncertainty.Value)), $"TargetUncertainty must be positive and finite (metric unit) or null; found {TargetUncertainty}.");
        check.Require(Enum.IsDefined(Result), $"Result {(int)Result} is not a defined AttackResultGeometry.");
        check.Require(BatchSize >= 1, $"BatchSize must be ≥ 1; found {BatchSize}.");
        check.Require(SoftModes is null or >= 1, $"SoftModes must be ≥ 1 (modes per seed) or null (off); found {SoftModes}.");
        return check.Problems;
    }
}
