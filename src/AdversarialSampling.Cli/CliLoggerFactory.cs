using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Cli;

/// <summary>
/// The tool's logging: the library's entries at or above a minimum level (warnings by default: the loop's configuration
/// and training warnings, a committee's rollbacks, the SLURM launcher's controller trouble; with <c>--verbose</c> also
/// its informational entries) become one line each, handed to a sink (the loop display, or standard error).
/// </summary>
/// <param name="sink">Receives the level and the one-line message (plus ": exception message" when there is one).</param>
/// <param name="minimum">The lowest level shown; default <see cref="LogLevel.Warning"/>.</param>
internal sealed class CliLoggerFactory(Action<LogLevel, string> sink, LogLevel minimum = LogLevel.Warning) : ILoggerFactory
{
    /// <summary>Writes each warning or error as <c>warning: MESSAGE</c> on standard error (<see cref="Write"/>).</summary>
    /// <returns>The factory.</returns>
    public static CliLoggerFactory StandardError() => new(Write);

    /// <summary>
    /// The line's prefix: <c>warning:</c> for warnings and errors, <c>info:</c> below. Error-level entries read as
    /// warnings: the command goes on (a committee that gave up training keeps its best weights); the command's own
    /// failure is its <c>error:</c> line.
    /// </summary>
    /// <param name="level">The entry's level.</param>
    /// <returns>The prefix, colon included.</returns>
    public static string Prefix(LogLevel level) => level >= LogLevel.Warning ? "warning:" : "info:";

    /// <summary>Writes <c>PREFIX MESSAGE</c> on standard error and flushes.</summary>
    /// <param name="level">The entry's level.</param>
    /// <param name="message">The one-line message.</param>
    public static void Write(LogLevel level, string message)
    {
        Console.Error.WriteLine($"{Prefix(level)} {message}");
        Console.Error.Flush();
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(sink, minimum);

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(Action<LogLevel, string> sink, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel < LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string message = formatter(state, exception);
            sink(logLevel, CliErrors.OneLine(exception is null ? message : $"{message}: {exception.Message}"));
        }
    }
}
