using System.Collections.Immutable;

namespace AdversarialSampling.Loop;

/// <summary>
/// An <see cref="ActiveLearningLoop"/> was configured wrongly (thrown by <see cref="ActiveLearningLoopBuilder.Build"/>,
/// listing every problem at once), or the oracle's setup check failed before the first generation. Nothing was
/// started and no run directory was created.
/// </summary>
public sealed class LoopConfigurationException : Exception
{
    /// <summary>Creates the exception with one problem.</summary>
    public LoopConfigurationException()
        : this(["The loop is misconfigured."])
    {
    }

    /// <summary>Creates the exception with one problem.</summary>
    /// <param name="message">The problem.</param>
    public LoopConfigurationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one problem and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public LoopConfigurationException(string message, Exception innerException)
        : base(Format([message]), innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception listing every problem.</summary>
    /// <param name="problems">The problems (at least one).</param>
    public LoopConfigurationException(IEnumerable<string> problems)
        : this(problems?.ToImmutableArray() ?? throw new ArgumentNullException(nameof(problems)))
    {
    }

    private LoopConfigurationException(ImmutableArray<string> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, one sentence each, in a stable order.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(IReadOnlyList<string> problems)
        => problems.Count == 1
            ? "The active-learning loop is misconfigured: " + problems[0]
            : $"The active-learning loop is misconfigured ({problems.Count} problems):" + string.Concat(problems.Select(p => Environment.NewLine + " - " + p));
}
