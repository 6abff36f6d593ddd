using AdversarialSampling.IO;

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
        FileNotFoundException or DirectoryNotFoundException => NotFound,
        ExtendedXyzFormatException or FormatException or ArgumentException or InvalidDataException or InvalidOperationException or NotSupportedException => BadInput,
        IOException or UnauthorizedAccessException => Internal,
        _ => null,
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
