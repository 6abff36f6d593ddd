using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Attacks;

/// <summary>Log messages of the attacks (stable event ids 1201–1299).</summary>
internal static partial class AttackLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information,
        Message = "{Attack}: attacking {Seeds} seeds × {Starts} starts ({Steps} steps, batches of {BatchSize}); objective {Objective}")]
    public static partial void Started(ILogger logger, string attack, int seeds, int starts, int steps, int batchSize, string objective);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug,
        Message = "{Attack}: batch of {Structures} structures finished after {Steps} steps; exits {Exits}")]
    public static partial void BatchFinished(ILogger logger, string attack, int structures, int steps, string exits);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information,
        Message = "{Attack}: {Outcomes} outcomes in {Elapsed}; exits {Exits}; mean uncertainty {Before} → {After}")]
    public static partial void Finished(ILogger logger, string attack, int outcomes, TimeSpan elapsed, string exits, double before, double after);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information,
        Message = "{Attack}: cancelled")]
    public static partial void Cancelled(ILogger logger, string attack);
}
