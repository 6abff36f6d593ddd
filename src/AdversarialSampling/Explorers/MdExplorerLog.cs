using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Explorers;

/// <summary>Log messages of the MD explorer (stable event ids 1401–1499).</summary>
internal static partial class MdExplorerLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Information,
        Message = "MdExplorer: {Trajectories} trajectories ({Seeds} seeds × {Replicas}), {Steps} steps of {TimeStep} fs at {Temperature} K ({Thermostat}); threshold {Threshold}")]
    public static partial void Started(ILogger logger, int trajectories, int seeds, int replicas, int steps, double timeStep, double temperature, string thermostat, string threshold);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information,
        Message = "MdExplorer: {Candidates} frames above the threshold in {Elapsed}; {Exploded} of {Trajectories} trajectories exploded")]
    public static partial void Finished(ILogger logger, int candidates, TimeSpan elapsed, int exploded, int trajectories);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning,
        Message = "MdExplorer: trajectory {Trajectory}")]
    public static partial void Exploded(ILogger logger, string trajectory);
}
