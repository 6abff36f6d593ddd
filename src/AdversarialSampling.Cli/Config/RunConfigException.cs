using System.Collections.Immutable;

namespace AdversarialSampling.Cli.Config;

/// <summary>A run configuration is not valid JSON or does not follow the schema: every problem, each naming its JSON path.</summary>
internal sealed class RunConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunConfigException()
        : this("configuration", ["invalid."])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public RunConfigException(string message)
        : this("configuration", [message])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RunConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception listing every problem.</summary>
    /// <param name="source">The configuration file (for the message).</param>
    /// <param name="problems">The problems ("PATH: message").</param>
    public RunConfigException(string source, IReadOnlyList<string> problems)
        : base(Format(source, problems))
    {
        Problems = [.. problems];
    }

    /// <summary>Every problem, "PATH: message", in the order found.</summary>
    public ImmutableArray<string> Problems { get; }

    private static string Format(string source, IReadOnlyList<string> problems)
        => problems.Count == 1
            ? $"{source}: invalid run configuration: {problems[0]}"
            : $"{source}: invalid run configuration ({problems.Count} problems):" + string.Concat(problems.Select(p => Environment.NewLine + " - " + p));
}
