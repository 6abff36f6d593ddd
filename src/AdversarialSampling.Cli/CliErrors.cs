using AdversarialSampling.Cli.Config;
using AdversarialSampling.IO;
using AdversarialSampling.Loop;
using AdversarialSampling.Runs;

namespace AdversarialSampling.Cli;

/// <summary>Maps failures to the CLI contract: exit code ≠ 0 and one line on standard error.</summary>
internal static class CliErrors
{
    /// <summary>Exit code for bad input (malformed file, invalid option values).</summary>
    public const int BadInput = 1;

    /// <summary>Exit code for a missing file or directory.</summary>
    public const int NotFound = 2;

    /// <summary>Exit code for an unexpected internal error.</summary>
    public const int Internal = 3;

    /// <summary>Exit code of <c>label</c> when no frame could be labelled.</summary>
    public const int NothingLabelled = 4;

    /// <summary>Exit code of <c>run</c>/<c>resume</c> when another process holds the run directory (one writer at a time).</summary>
    public const int Locked = 5;

    /// <summary>Exit code of <c>run</c>/<c>resume</c> when the run paused on infrastructure trouble (resumable).</summary>
    public const int Paused = 6;

    /// <summary>Exit code of <c>run</c>/<c>resume</c> when the run stopped for good (a generation's oracle failure ratio exceeded the bound).</summary>
    public const int Stopped = 7;

    /// <summary>Exit code after an interruption (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;

    /// <summary>Runs an asynchronous command body and converts exceptions to a one-line error and an exit code.</summary>
    /// <param name="body">The command body; returns the exit code.</param>
    /// <returns>The body's exit code, or the error's.</returns>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("error: cancelled.");
            return Cancelled;
        }
        catch (Exception ex) when (Classify(ex) is int code)
        {
            Console.Error.WriteLine("error: " + OneLine(ex.Message));
            return code;
        }
    }

    /// <summary>Runs a command body and converts exceptions to a one-line error and an exit code.</summary>
    /// <param name="body">The command body.</param>
    /// <returns>0 on success.</returns>
    public static int Run(Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (Exception ex) when (Classify(ex) is int code)
        {
            Console.Error.WriteLine("error: " + OneLine(ex.Message));
            return code;
        }
    }

    private static int? Classify(Exception ex) => ex switch
    {
        RunLockedException => Locked,
        RunPausedException => Paused,
        RunStoppedException => Stopped,
        RunConfigException or LoopConfigurationException or RunStoreException => BadInput,
        FileNotFoundException or DirectoryNotFoundException => NotFound,
        ExtendedXyzFormatException or FormatException or ArgumentException or InvalidDataException or InvalidOperationException or NotSupportedException => BadInput,
        IOException or UnauthorizedAccessException => Internal,
        _ => null,
    };

    /// <summary>The message on one line: each line break, with the spaces around it, becomes one space.</summary>
    public static string OneLine(string message)
        => string.Join(' ', message.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
