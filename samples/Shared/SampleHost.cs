using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdversarialSampling.Samples.Shared;

/// <summary>
/// The entry point the samples share: parse the command line (exit 2 with the message on a bad option, print the usage
/// for --help), set the libtorch thread count, run with Ctrl+C as cancellation, print the acceptance section of the
/// results. Compiled into each sample (linked from samples/Shared), so it is internal to each.
/// </summary>
internal static class SampleHost
{
    /// <summary>How the samples write results.json and print JSON: indented, non-ASCII characters (Å, ≤) as they are.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs a sample.</summary>
    /// <typeparam name="TOptions">The sample's options.</typeparam>
    /// <param name="args">The command line.</param>
    /// <param name="parse">The sample's parser: null for --help; throws <see cref="ArgumentException"/> on a bad option.</param>
    /// <param name="usage">The text printed for --help.</param>
    /// <param name="threads">The libtorch thread count the options ask for.</param>
    /// <param name="run">The sample's run: returns the results document, with its "acceptance" section.</param>
    /// <returns>The process exit code: 0, or 2 for a bad command line.</returns>
    public static async Task<int> RunAsync<TOptions>(
        string[] args,
        Func<string[], TOptions?> parse,
        string usage,
        Func<TOptions, int> threads,
        Func<TOptions, TextWriter, CancellationToken, Task<JsonObject>> run)
        where TOptions : class
    {
        TOptions? options;
        try
        {
            options = parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(usage);
            return 0;
        }

        TorchSharp.torch.set_num_threads(threads(options));
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        var document = await run(options, Console.Out, cancellation.Token);
        Console.WriteLine(document["acceptance"]?.ToJsonString(JsonOptions));
        return 0;
    }

    /// <summary>
    /// Wall time of a run, also when several processes shared it or a later run reused finished loops: the length of the
    /// union of the loops' [start, end] intervals (seconds during which at least one loop was running).
    /// </summary>
    /// <param name="intervals">Each loop's start and end (UTC).</param>
    /// <returns>Seconds.</returns>
    public static double BusySeconds(IEnumerable<(DateTime Start, DateTime End)> intervals)
    {
        double total = 0;
        DateTime? start = null, end = null;
        foreach (var (loopStart, loopEnd) in intervals.OrderBy(i => i.Start))
        {
            if (end is null || loopStart > end)
            {
                total += end is null ? 0 : (end.Value - start!.Value).TotalSeconds;
                (start, end) = (loopStart, loopEnd);
            }
            else if (loopEnd > end)
            {
                end = loopEnd;
            }
        }

        return total + (end is null ? 0 : (end.Value - start!.Value).TotalSeconds);
    }
}
