using System.Globalization;
using System.Text.Json;
using AdversarialSampling.Loop;
using AdversarialSampling.Selection;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// Parses a run configuration strictly: camelCase keys, unknown keys and values of the wrong JSON type are errors naming
/// the JSON path, and every problem is reported at once (<see cref="RunConfigException"/>). Comments and trailing
/// commas are allowed. The key reference is docs/run-config-reference.md.
/// </summary>
internal static class RunConfigParser
{
    private static readonly KeyValuePair<string, Func<VarianceEstimator, IUncertaintyMetric>>[] Metrics =
    [
        new("forceVariance", e => new ForceVariance(e)),
        new("maxAtomForceVariance", e => new MaxAtomForceVariance(e)),
        new("energyVariance", e => new EnergyVariance(e)),
        new("energyPerAtomVariance", e => new EnergyPerAtomVariance(e)),
    ];

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses a configuration file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="RunConfigException">Not valid JSON, or not a valid configuration (every problem listed).</exception>
    public static RunConfig ParseFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses configuration text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Its name, for messages.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="RunConfigException">Not valid JSON, or not a valid configuration (every problem listed).</exception>
    public static RunConfig Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            string message = e.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            message = (cut >= 0 ? message[..cut] : message).Trim();
            throw new RunConfigException(source, [string.Create(CultureInfo.InvariantCulture, $"$: not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {message}")]);
        }

        using (document)
        {
            var problems = new ConfigProblems();
            var config = ConfigObject.From(document.RootElement, "$", problems) is { } root ? Read(root) : null;
            if (problems.Count > 0 || config is null)
            {
                throw new RunConfigException(source, problems.Items);
            }

            return config;
        }
    }

    private static RunConfig? Read(ConfigObject o)
    {
        _ = o.String("description");
        string? runDirectory = o.String("runDirectory");
        int seed = o.Int("seed") ?? 0;
        int generations = o.Int("generations") ?? ActiveLearningLoopBuilder.DefaultGenerations;
        int? threads = o.Int("threads");
        if (threads < 1)
        {
            o.Problem("threads", $"must be at least 1 (or absent for libtorch's choice); found {threads}.");
        }

        var initial = o.Require("initialData") && o.Object("initialData") is { } i ? InitialDataConfig.Read(i) : null;
        var committee = o.Require("committee") && o.Object("committee") is { } c ? CommitteeConfig.Read(c) : null;
        var oracle = o.Require("oracle") && o.Object("oracle") is { } r ? OracleTypes.Read(r) : null;
        var metric = o.Object("uncertainty") is { } u ? ReadMetric(u) : new ForceVariance();
        var temperature = TemperatureConfig.Read(o, "temperature");
        var explorers = o.Require("explorers") ? o.Objects("explorers") : null;
        if (explorers is { Count: 0 })
        {
            o.Problem("explorers", $"at least one explorer is needed.");
        }

        var explorerConfigs = explorers?.Select(ExplorerTypes.Read).ToList();
        var seedPolicy = o.Object("seedPolicy") is { } s ? ReadSeedPolicy(s) : SeedPolicy.AllTraining;
        var selection = o.Object("selection") is { } sel ? ReadSelection(sel, metric) : new SelectionOptions();
        var retraining = o.Object("retraining") is { } rt ? ReadRetraining(rt) : new RetrainingOptions();
        int concurrency = o.Int("oracleConcurrency") ?? 1;
        double maxFailureRatio = o.Number("maxFailureRatio") ?? ActiveLearningLoopBuilder.DefaultMaxFailureRatio;
        var retry = o.Object("infrastructureRetry");
        int? attempts = retry?.Int("attempts");
        var baseDelay = retry is null ? null : Seconds(retry, "baseDelaySeconds");
        var maxDelay = retry is null ? null : Seconds(retry, "maxDelaySeconds");
        retry?.Finish();
        var trainingCheckpoints = Seconds(o, "trainingCheckpointSeconds");
        if (trainingCheckpoints < TimeSpan.Zero)
        {
            o.Problem("trainingCheckpointSeconds", $"must be ≥ 0 seconds (0: after every epoch); found {trainingCheckpoints.Value.TotalSeconds}.");
        }

        var gates = o.Object("gates") is { } g ? GatesConfig.Read(g) : new GatesConfig();
        o.Finish();
        if (initial is null || committee is null || oracle is null || metric is null || explorerConfigs is null || explorerConfigs.Any(e => e is null))
        {
            return null;
        }

        return new RunConfig
        {
            RunDirectory = runDirectory,
            Seed = seed,
            Generations = generations,
            Threads = threads,
            InitialData = initial,
            Committee = committee,
            Oracle = oracle,
            Uncertainty = metric,
            Temperature = temperature,
            Explorers = [.. explorerConfigs.OfType<ExplorerConfig>()],
            SeedPolicy = seedPolicy,
            Selection = selection,
            Retraining = retraining,
            OracleConcurrency = concurrency,
            MaxFailureRatio = maxFailureRatio,
            RetryAttempts = attempts,
            RetryBaseDelay = baseDelay,
            RetryMaxDelay = maxDelay,
            TrainingCheckpointInterval = trainingCheckpoints ?? ActiveLearningLoopBuilder.DefaultTrainingCheckpointInterval,
            Gates = gates,
        };
    }

    private static IUncertaintyMetric? ReadMetric(ConfigObject u)
    {
        string? name = u.String("metric");
        var estimator = u.Choice("estimator", Choices.Estimators) ?? VarianceEstimator.Unbiased;
        IUncertaintyMetric? metric = new ForceVariance(estimator);
        if (name is not null)
        {
            metric = Metrics.FirstOrDefault(m => string.Equals(m.Key, name, StringComparison.Ordinal)).Value?.Invoke(estimator);
            if (metric is null)
            {
                u.Problem("metric", $"unknown value \"{name}\"; expected one of: {string.Join(", ", Metrics.Select(m => m.Key))}.");
            }
        }

        u.Finish();
        return metric;
    }

    private static SeedPolicy ReadSeedPolicy(ConfigObject s)
    {
        var kind = s.Require("kind") ? s.Choice("kind", Choices.SeedPolicies) : null;
        var policy = kind switch
        {
            SeedPolicyKind.LowestEnergy => SeedPolicy.LowestEnergy(s.Require("count") ? s.Int("count") ?? 1 : 1),
            SeedPolicyKind.Random => SeedPolicy.Random(s.Require("count") ? s.Int("count") ?? 1 : 1),
            SeedPolicyKind.ReplicatedTraining => SeedPolicy.ReplicatedTraining,
            _ => SeedPolicy.AllTraining,
        };
        if (kind is not null)
        {
            s.Finish();
        }

        return policy;
    }

    private static SelectionOptions ReadSelection(ConfigObject s, IUncertaintyMetric? metric)
    {
        var d = new SelectionOptions();
        double percentile = s.Number("percentile") ?? d.Percentile;
        double? threshold = s.Number("threshold");
        var selection = new SelectionOptions
        {
            Percentile = percentile,
            Threshold = threshold is double t && metric is not null ? new UncertaintyThreshold(t, metric.Unit) : null,
            DistanceToTraining = s.IsNull("distanceToTraining") ? null : s.Number("distanceToTraining") ?? d.DistanceToTraining,
            DistanceBetweenCandidates = s.Number("distanceBetweenCandidates") ?? d.DistanceBetweenCandidates,
            Dedup = s.Choice("dedup", Choices.DedupModes) ?? d.Dedup,
            Cap = s.IsNull("cap") ? null : s.Int("cap") ?? d.Cap,
            CapMode = s.Choice("capMode", Choices.CapModes) ?? d.CapMode,
            RmsdMode = s.Choice("rmsd", Choices.RmsdModes) ?? d.RmsdMode,
            MinimumInteratomicDistance = s.Number("minimumInteratomicDistance") ?? d.MinimumInteratomicDistance,
            PercentileOverReplicatedTraining = s.Bool("percentileOverReplicatedTraining") ?? d.PercentileOverReplicatedTraining,
            PerComponentForceThreshold = s.Bool("perComponentForceThreshold") ?? d.PerComponentForceThreshold,
        };
        s.Finish();
        return selection;
    }

    private static RetrainingOptions ReadRetraining(ConfigObject r)
    {
        var d = new RetrainingOptions();
        var retraining = new RetrainingOptions
        {
            Mode = r.Choice("mode", Choices.RetrainingModes) ?? d.Mode,
            ReplicationWeight = r.Int("replicationWeight") ?? d.ReplicationWeight,
            TrainFraction = r.Number("trainFraction") ?? d.TrainFraction,
            ValidationFraction = r.Number("validationFraction") ?? d.ValidationFraction,
            EnergyCeiling = r.Number("energyCeiling"),
            NewLabelValidationFraction = r.Number("newLabelValidationFraction") ?? d.NewLabelValidationFraction,
        };
        r.Finish();
        return retraining;
    }

    private static TimeSpan? Seconds(ConfigObject o, string key)
    {
        if (o.Number(key) is not double s)
        {
            return null;
        }

        if (Math.Abs(s) > 1e9)
        {
            o.Problem(key, $"must be at most 1e9 seconds; found {s}.");
            return null;
        }

        return TimeSpan.FromSeconds(s);
    }
}
