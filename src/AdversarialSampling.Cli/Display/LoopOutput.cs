namespace AdversarialSampling.Cli.Display;

/// <summary>
/// How <c>run</c> and <c>resume</c> print: with <see cref="Json"/>, one compact JSON object per generation (the keys of
/// its <c>report.json</c>) on standard output and progress on standard error; otherwise one summary line per generation
/// and progress on standard output. Progress is an animated Spectre.Console display only on a terminal; when the
/// stream is redirected, under CI, or with <c>--no-progress</c> there is no animation and no colour.
/// </summary>
/// <param name="Json">Print each generation's report as one JSON line.</param>
/// <param name="Progress">Print progress (false with <c>--no-progress</c>).</param>
/// <param name="Verbose">Also show the library's informational log lines (<c>--verbose</c>); warnings are always shown.</param>
internal sealed record LoopOutput(bool Json, bool Progress, bool Verbose = false)
{
    /// <summary>Where summaries or JSON go.</summary>
    public static TextWriter Results => Console.Out;

    /// <summary>Where progress goes.</summary>
    public TextWriter ProgressWriter => Json ? Console.Error : Console.Out;

    /// <summary>Whether the progress stream is an interactive terminal (not redirected, not CI).</summary>
    public bool Interactive => Progress
        && !(Json ? Console.IsErrorRedirected : Console.IsOutputRedirected)
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
}
