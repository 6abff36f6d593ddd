using AdversarialSampling.Loop;
using AdversarialSampling.Runs;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Cli.Config;

/// <summary>Builds the <see cref="ActiveLearningLoop"/> a run configuration describes, through the loop's builder.</summary>
internal static class RunConfigLoop
{
    /// <summary>Creates every part and builds the loop.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="initial">The initial data (loaded from the configuration or the run directory's copy).</param>
    /// <param name="runDirectory">The run directory (full path).</param>
    /// <param name="generations">Generations, or null for the configuration's.</param>
    /// <param name="progress">Progress receiver, or null.</param>
    /// <param name="logging">Receives the loop's (and its parts') log entries, or null.</param>
    /// <returns>The loop (nothing runs yet).</returns>
    /// <exception cref="LoopConfigurationException">Every problem: parts that could not be created (named by JSON path), then the builder's validation.</exception>
    public static ActiveLearningLoop Build(RunConfig config, Dataset initial, string runDirectory, int? generations = null, IProgress<LoopProgress>? progress = null, Microsoft.Extensions.Logging.ILoggerFactory? logging = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new ConfigProblems();
        var oracle = config.Oracle.Create(runDirectory, problems, logging);
        var context = new ExplorerContext(initial, config.Temperature, config.Uncertainty, problems);
        var explorers = config.Explorers.Select(e => (Config: e, Attack: e.Create(context))).ToList();
        var geometry = config.Gates.Geometry(problems);
        var physics = config.Gates.Physics(initial, problems);
        if (problems.Count > 0)
        {
            throw new LoopConfigurationException(problems.Items);
        }

        var retry = new LabellingOptions();
        var builder = ActiveLearningLoop.CreateBuilder()
            .WithCommittee(config.Committee.SpecFor(initial), config.Committee.Options)
            .WithOracle(oracle!)
            .WithUncertainty(config.Uncertainty)
            .WithSeedPolicy(config.SeedPolicy)
            .WithSelection(config.Selection)
            .WithInitialData(initial)
            .WithGenerations(generations ?? config.Generations)
            .WithRetraining(config.Retraining)
            .WithOracleConcurrency(config.OracleConcurrency)
            .WithGeometryGate(geometry!)
            .WithPhysicsGate(physics!)
            .WithMaxFailureRatio(config.MaxFailureRatio)
            .WithTrainingCheckpoints(config.TrainingCheckpointInterval)
            .WithInfrastructureRetry(config.RetryAttempts ?? retry.InfrastructureAttempts, config.RetryBaseDelay ?? retry.RetryBaseDelay, config.RetryMaxDelay ?? retry.RetryMaxDelay)
            .WithRunDirectory(runDirectory)
            .WithSeed(config.Seed);
        if (config.Temperature is { } temperature)
        {
            builder.WithTemperature(temperature);
        }

        foreach (var (explorer, attack) in explorers)
        {
            builder.AddExplorer(attack!, explorer.Share);
        }

        if (progress is not null)
        {
            builder.WithProgress(progress);
        }

        if (logging is not null)
        {
            builder.WithLogging(logging);
        }

        return builder.Build();
    }
}
