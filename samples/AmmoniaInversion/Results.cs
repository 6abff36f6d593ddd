using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>
/// Builds results.json: the xtb reference, per method and generation the summary over seeds (median labels, median
/// committee barrier, the xtb barrier, pooled stable fractions at 0.5 fs and 1 fs, median oracle seconds, energies of the
/// labelled geometries), a per-seed table per method, and the acceptance checks of issue #6.
/// </summary>
public static class Results
{
    /// <summary>Barrier tolerance of the acceptance (kcal/mol).</summary>
    public const double BarrierTolerance = 0.5;

    /// <summary>Fraction of seeds that must meet the barrier tolerance.</summary>
    public const double SeedFraction = 0.8;

    /// <summary>Stable fraction required at 0.5 fs.</summary>
    public const double StableRequired = 0.95;

    /// <summary>JSON options of results.json (indented).</summary>
    public static JsonSerializerOptions JsonOptions => AdversarialSampling.Samples.Shared.SampleHost.JsonOptions;

    /// <summary>Builds the document.</summary>
    /// <param name="loops">Every loop's measurements.</param>
    /// <param name="reference">The xtb reference.</param>
    /// <param name="initialEnergiesKcal">Initial-data energies above the xtb minimum (kcal/mol).</param>
    /// <param name="wallSeconds">Wall time (s).</param>
    /// <param name="settings">Settings (copied).</param>
    /// <returns>The document.</returns>
    public static JsonObject Build(IReadOnlyList<LoopMetrics> loops, ReferenceData reference, IReadOnlyList<double> initialEnergiesKcal, double wallSeconds, JsonObject settings)
    {
        ArgumentNullException.ThrowIfNull(loops);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(initialEnergiesKcal);
        double xtb = reference.BarrierKcalPerMol;
        var methods = new JsonObject();
        foreach (string method in MethodKeys.All.Where(m => loops.Any(l => l.Method == m)))
        {
            var mine = loops.Where(l => l.Method == method).OrderBy(l => l.Seed).ToList();
            var records = mine.SelectMany(l => l.Generations).ToList();
            methods[method] = new JsonObject
            {
                ["generations"] = new JsonArray([.. records.GroupBy(r => r.Generation).OrderBy(g => g.Key).Select(g => (JsonNode)Summary(g.Key, [.. g], xtb))]),
                ["perSeed"] = new JsonArray([.. mine.Select(l => (JsonNode)PerSeed(l, xtb))]),
            };
        }

        return new JsonObject
        {
            ["seeds"] = loops.Select(l => l.Seed).Distinct().Count(),
            ["incompleteLoops"] = new JsonArray([.. loops.Where(l => !l.Complete).Select(l => (JsonNode)$"{l.Method}/seed {l.Seed}: generations 0–{l.Generations.Max(g => g.Generation)}")]),
            ["wallSeconds"] = Math.Round(wallSeconds, 1),
            ["settings"] = settings,
            ["reference"] = new JsonObject
            {
                ["referenceBarrierKcalPerMol"] = Math.Round(xtb, 4),
                ["xtbVersion"] = reference.XtbVersion,
                ["minimumPyramidHeight"] = Math.Round(AmmoniaGeometry.PyramidHeight(reference.Minimum), 4),
                ["wavenumbersPerCm"] = new JsonArray([.. reference.WavenumbersPerCm.Select(w => (JsonNode)Math.Round(w, 1))]),
                ["initialGeometries"] = initialEnergiesKcal.Count,
                ["initialEnergyRangeKcalPerMol"] = new JsonArray(Number(initialEnergiesKcal.Min()), Number(initialEnergiesKcal.Max())),
                ["initialDraws"] = reference.Draws,
                ["xtbCalls"] = reference.XtbCalls,
                ["xtbSeconds"] = reference.XtbSeconds,
            },
            ["methods"] = methods,
            ["acceptance"] = Acceptance(loops, xtb),
        };
    }

    /// <summary>Writes the document.</summary>
    /// <param name="path">File path.</param>
    /// <param name="document">The document.</param>
    public static void Write(string path, JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        File.WriteAllText(path, document.ToJsonString(JsonOptions) + "\n");
    }

    /// <summary>A small positive quantity with 4 significant digits (variances in eV² or eV²/Å²), or null when not finite.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The JSON number or null.</returns>
    public static JsonNode? Scientific(double value) => double.IsFinite(value) ? JsonValue.Create(double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)) : null;

    /// <summary>A rounded number, or null when it is not finite (JSON has no NaN).</summary>
    /// <param name="value">The value.</param>
    /// <param name="digits">Decimals kept.</param>
    /// <returns>The node.</returns>
    public static JsonNode? Number(double value, int digits = 4) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, digits)) : null;

    /// <summary>
    /// Labels a loop had used when its committee barrier first came within <see cref="BarrierTolerance"/> of xtb's (any
    /// generation, 0 included), or null when it never did.
    /// </summary>
    /// <param name="loop">The loop.</param>
    /// <param name="xtb">The xtb barrier (kcal/mol).</param>
    /// <returns>Labels, or null.</returns>
    public static int? LabelsToReach(LoopMetrics loop, double xtb)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return loop.Generations.OrderBy(g => g.Generation).FirstOrDefault(g => Math.Abs(g.Committee.BarrierKcalPerMol - xtb) <= BarrierTolerance)?.Labels;
    }

    private static JsonObject Summary(int generation, IReadOnlyList<GenerationMetrics> g, double xtb)
    {
        var energies = g.SelectMany(r => r.NewLabelEnergiesKcalPerMol).ToList();
        int trajectories = g.Sum(r => r.Committee.Trajectories);
        return new JsonObject
        {
            ["generation"] = generation,
            ["seeds"] = g.Count,
            ["labels"] = Number(Statistics.Median(g.Select(r => (double)r.Labels))),
            ["labelsRange"] = new JsonArray(g.Min(r => r.Labels), g.Max(r => r.Labels)),
            ["barrierKcalPerMol"] = Number(Statistics.Median(g.Select(r => r.Committee.BarrierKcalPerMol))),
            ["barrierKcalPerMolRange"] = new JsonArray(Number(g.Min(r => r.Committee.BarrierKcalPerMol)), Number(g.Max(r => r.Committee.BarrierKcalPerMol))),
            ["referenceBarrierKcalPerMol"] = Number(xtb),
            ["medianBarrierErrorKcalPerMol"] = Number(Statistics.Median(g.Select(r => r.Committee.BarrierKcalPerMol - xtb))),
            ["seedsWithinHalfKcal"] = g.Count(r => Math.Abs(r.Committee.BarrierKcalPerMol - xtb) <= BarrierTolerance),
            ["stableFraction"] = Number(g.Sum(r => r.Committee.StableFraction * r.Committee.Trajectories) / trajectories),
            ["stableFraction1fs"] = Number(g.Sum(r => r.Committee.StableFraction1Fs * r.Committee.Trajectories) / trajectories),
            ["medianAbsDriftEvPerAtomPs"] = Number(Statistics.Median(g.Select(r => r.Committee.MedianAbsDrift)), 6),
            ["medianAbsDrift1fsEvPerAtomPs"] = Number(Statistics.Median(g.Select(r => r.Committee.MedianAbsDrift1Fs)), 6),
            ["oracleSeconds"] = Number(Statistics.Median(g.Select(r => r.OracleSeconds)), 2),
            ["newLabels"] = Number(Statistics.Median(g.Select(r => (double)r.NewLabels))),
            ["medianLabelEnergyKcalPerMol"] = Number(Statistics.Median(energies), 3),
            ["maxLabelEnergyKcalPerMol"] = energies.Count == 0 ? null : Number(energies.Max(), 3),
            ["labelsAboveBarrier"] = energies.Count(e => e > xtb),
        };
    }

    private static JsonObject PerSeed(LoopMetrics loop, double xtb) => new()
    {
        ["seed"] = loop.Seed,
        ["complete"] = loop.Complete,
        ["labelsToReachHalfKcal"] = LabelsToReach(loop, xtb),
        ["generations"] = new JsonArray([.. loop.Generations.OrderBy(g => g.Generation).Select(r => (JsonNode)new JsonObject
        {
            ["generation"] = r.Generation,
            ["labels"] = r.Labels,
            ["newLabels"] = r.NewLabels,
            ["candidates"] = r.Candidates,
            ["barrierKcalPerMol"] = Number(r.Committee.BarrierKcalPerMol),
            ["referenceBarrierKcalPerMol"] = Number(xtb),
            ["barrierErrorKcalPerMol"] = Number(r.Committee.BarrierKcalPerMol - xtb),
            ["minimumPyramidHeight"] = Number(r.Committee.MinimumPyramidHeight),
            ["optimisationsConverged"] = r.Committee.OptimisationsConverged,
            ["saddleForceVariance"] = Scientific(r.Committee.SaddleForceVariance),
            ["minimumForceVariance"] = Scientific(r.Committee.MinimumForceVariance),
            ["saddleEnergyVariance"] = Scientific(r.Committee.SaddleEnergyVariance),
            ["minimumEnergyVariance"] = Scientific(r.Committee.MinimumEnergyVariance),
            ["selectionThreshold"] = Scientific(r.SelectionThreshold),
            ["stableFraction"] = Number(r.Committee.StableFraction),
            ["stableFraction1fs"] = Number(r.Committee.StableFraction1Fs),
            ["medianAbsDriftEvPerAtomPs"] = Number(r.Committee.MedianAbsDrift, 6),
            ["medianAbsDrift1fsEvPerAtomPs"] = Number(r.Committee.MedianAbsDrift1Fs, 6),
            ["medianMaxEnergyDeviationEv"] = Number(r.Committee.MedianMaxDeviation, 5),
            ["medianMaxEnergyDeviation1fsEv"] = Number(r.Committee.MedianMaxDeviation1Fs, 5),
            ["medianExplosionFs"] = Number(r.Committee.MedianExplosionFs, 1),
            ["oracleSeconds"] = Number(r.OracleSeconds, 2),
            ["oracleFailures"] = r.OracleFailures,
            ["loopSeconds"] = Number(r.LoopSeconds, 1),
            ["labelEnergiesKcalPerMol"] = new JsonArray([.. r.NewLabelEnergiesKcalPerMol.Select(e => (JsonNode)Math.Round(e, 3))]),
            ["labelPyramidHeights"] = new JsonArray([.. r.NewLabelPyramidHeights.Select(h => (JsonNode)Math.Round(h, 3))]),
            ["labelAttackSteps"] = new JsonArray([.. r.NewLabelAttackSteps.Select(n => (JsonNode)n)]),
            ["labelCeilingExits"] = r.NewLabelCeilingExits,
        })]),
    };

    private static JsonObject Acceptance(IReadOnlyList<LoopMetrics> loops, double xtb)
    {
        var defaults = loops.Where(l => l.Method == MethodKeys.Adversarial).OrderBy(l => l.Seed).ToList();
        var md = loops.Where(l => l.Method == MethodKeys.MdActiveLearning).ToDictionary(l => l.Seed);
        var result = new JsonObject();
        if (defaults.Count == 0)
        {
            return result;
        }

        // 1. Barrier within 0.5 kcal/mol after ≤ 3 generations (≤ 90 labels) in ≥ 80 % of seeds.
        var reached = defaults.Select(l => (l.Seed, Labels: LabelsToReach(WithinBudget(l), xtb), Final: l.Generations.MaxBy(g => g.Generation)!)).ToList();
        int within = reached.Count(r => r.Labels is not null);
        result["defaultsBarrierWithinHalfKcal"] = new JsonObject
        {
            ["criterion"] = "library defaults: committee barrier within 0.5 kcal/mol of xtb after <= 3 generations (<= 90 labels) in >= 80% of seeds",
            ["seeds"] = defaults.Count,
            ["completeSeeds"] = defaults.Count(l => l.Complete),
            ["seedsWithin"] = within,
            ["seedsWithinAtFinalGeneration"] = reached.Count(r => Math.Abs(r.Final.Committee.BarrierKcalPerMol - xtb) <= BarrierTolerance),
            ["fraction"] = Number(within / (double)defaults.Count),
            ["met"] = within >= SeedFraction * defaults.Count,
        };

        // 2. Fewer labels than MD-based AL for the same error (or MD-based AL never reaching it), per paired seed.
        var paired = reached.Where(r => md.ContainsKey(r.Seed)).Select(r => (r.Seed, Defaults: r.Labels, Md: LabelsToReach(WithinBudget(md[r.Seed]), xtb))).ToList();
        int fewer = paired.Count(p => p.Defaults is int d && (p.Md is null || d < p.Md));
        result["defaultsFewerLabelsThanMd"] = new JsonObject
        {
            ["criterion"] = "per paired seed: the defaults reach |barrier error| <= 0.5 kcal/mol with fewer labels than MD-based AL (or MD-based AL never reaches it within its budget); met when this holds in >= 80% of the paired seeds",
            ["pairedSeeds"] = paired.Count,
            ["seedsWithFewerLabels"] = fewer,
            ["perSeed"] = new JsonArray([.. paired.Select(p => (JsonNode)new JsonObject { ["seed"] = p.Seed, ["defaultsLabels"] = p.Defaults, ["mdActiveLearningLabels"] = p.Md })]),
            ["met"] = paired.Count > 0 && fewer >= SeedFraction * paired.Count,
        };

        // 3. NN-MD stability of the defaults' final committees: ≥ 95 % stable at 0.5 fs (1 fs reported).
        var finals = defaults.Where(l => l.Complete).Select(l => l.Generations.MaxBy(g => g.Generation)!.Committee).Where(c => c.StabilityMeasured).ToList();
        int total = finals.Sum(c => c.Trajectories);
        double half = total == 0 ? double.NaN : finals.Sum(c => c.StableFraction * c.Trajectories) / total;
        double one = total == 0 ? double.NaN : finals.Sum(c => c.StableFraction1Fs * c.Trajectories) / total;
        result["defaultsStableAtHalfFs"] = new JsonObject
        {
            ["criterion"] = "library defaults, final generation: >= 95% of the NVE trajectories (1500 K start at the xtb minimum, 5 ps) stable at 0.5 fs; 1 fs reported",
            ["seeds"] = finals.Count,
            ["trajectories"] = total,
            ["stableFraction"] = Number(half),
            ["stableFraction1fs"] = Number(one),
            ["minimumSeedStableFraction"] = finals.Count == 0 ? null : Number(finals.Min(c => c.StableFraction)),
            ["met"] = total > 0 && half >= StableRequired,
        };
        return result;
    }

    /// <summary>The loop's generations 0–3 only (the acceptance's budget of ≤ 3 generations).</summary>
    private static LoopMetrics WithinBudget(LoopMetrics loop) => loop with { Generations = [.. loop.Generations.Where(g => g.Generation <= 3)] };
}
