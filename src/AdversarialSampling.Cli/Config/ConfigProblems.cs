using System.Globalization;

namespace AdversarialSampling.Cli.Config;

/// <summary>Problems found in a run configuration, each naming its JSON path (e.g. "$.explorers[1].steps").</summary>
internal sealed class ConfigProblems
{
    private readonly List<string> _items = [];

    /// <summary>The problems, in the order found ("PATH: message").</summary>
    public IReadOnlyList<string> Items => _items;

    /// <summary>Number of problems.</summary>
    public int Count => _items.Count;

    /// <summary>Records a problem.</summary>
    /// <param name="path">The JSON path, e.g. "$.committee.members".</param>
    /// <param name="message">What is wrong (a sentence ending with a full stop).</param>
    public void Add(string path, string message) => _items.Add(path + ": " + message);

    /// <summary>Records a problem built with the invariant culture.</summary>
    /// <param name="path">The JSON path.</param>
    /// <param name="message">What is wrong.</param>
    public void Add(string path, FormattableString message) => Add(path, message.ToString(CultureInfo.InvariantCulture));

    /// <summary>Runs a constructor-like action and records its <see cref="ArgumentException"/> as a problem at <paramref name="path"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="path">The JSON path of the value being built.</param>
    /// <param name="create">The action.</param>
    /// <returns>The result, or default when it threw.</returns>
    public T? Try<T>(string path, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            Add(path, FirstSentence(e.Message));
            return default;
        }
    }

    /// <summary>Records library validation messages (e.g. from <c>Validate()</c>) under a path.</summary>
    /// <param name="path">The JSON path of the object validated.</param>
    /// <param name="messages">The messages.</param>
    public void AddRange(string path, IEnumerable<string> messages)
    {
        foreach (string message in messages)
        {
            Add(path, message);
        }
    }

    /// <summary>An exception's message without the " (Parameter 'x')" suffix and without "Actual value was" lines.</summary>
    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        string text = cut >= 0 ? message[..cut] : message;
        int line = text.IndexOfAny(['\r', '\n']);
        return (line >= 0 ? text[..line] : text).Trim();
    }
}
