using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Cli;

/// <summary>
/// The tool's logging: warnings and errors of the library (the loop's configuration and training warnings, the SLURM
/// launcher's controller trouble) become one line each, handed to a sink (the loop display, or standard error).
/// Lower levels are dropped: the progress display and the per-generation lines already say what happens.
/// </summary>
/// <param name="sink">Receives "message" (plus ": exception message" when there is one), one line per entry.</param>
internal sealed class CliLoggerFactory(Action<string> sink) : ILoggerFactory
{
    /// <summary>Writes each entry as <c>warning: MESSAGE</c> on standard error (<see cref="WriteWarning"/>).</summary>
    /// <returns>The factory.</returns>
    public static CliLoggerFactory StandardError() => new(WriteWarning);

    /// <summary>
    /// Writes <c>warning: MESSAGE</c> on standard error and flushes. Error-level entries are written the same way: the
    /// command goes on (a committee that gave up training keeps its best weights); its own failure is an <c>error:</c> line.
    /// </summary>
    /// <param name="message">The one-line message.</param>
    public static void WriteWarning(string message)
    {
        Console.Error.WriteLine($"warning: {message}");
        Console.Error.Flush();
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(sink);

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(Action<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Warning and < LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string message = formatter(state, exception);
            sink(CliErrors.OneLine(exception is null ? message : $"{message}: {exception.Message}"));
        }
    }
}
