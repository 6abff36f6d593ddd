using System.Globalization;

namespace AdversarialSampling.Samples.Shared;

/// <summary>
/// Walks a sample's command line one option at a time and reads the option's value, with the error messages the
/// samples share. Compiled into each sample (linked from samples/Shared), so it is internal to each.
/// </summary>
/// <param name="args">The command-line arguments.</param>
internal sealed class ArgumentReader(IReadOnlyList<string> args)
{
    private int _index = -1;

    /// <summary>The current option (valid after <see cref="MoveNext"/> returned true).</summary>
    public string Name => args[_index];

    /// <summary>Moves to the next option, past any values already read.</summary>
    /// <returns>False at the end of the command line.</returns>
    public bool MoveNext() => ++_index < args.Count;

    /// <summary>Reads the current option's value.</summary>
    /// <returns>The next argument.</returns>
    /// <exception cref="ArgumentException">The command line ends here.</exception>
    public string Value()
    {
        if (_index + 1 >= args.Count)
        {
            throw new ArgumentException($"{Name} needs a value.");
        }

        return args[++_index];
    }

    /// <summary>Reads the current option's value as an integer of at least <paramref name="min"/>.</summary>
    /// <param name="min">The smallest allowed value.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="ArgumentException">No value, not an integer, or below <paramref name="min"/>.</exception>
    public int Int(int min)
    {
        string name = Name;
        string text = Value();
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} needs an integer ≥ {min}; found '{text}'."));
        }

        return v;
    }

    /// <summary>Reads the current option's value as a positive finite number.</summary>
    /// <param name="unit">The unit named in the error message ("a positive number of eV"), or null.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentException">No value, or not a positive finite number.</exception>
    public double Positive(string? unit = null)
    {
        string name = Name;
        string text = Value();
        string what = unit is null ? "a positive number" : $"a positive number of {unit}";
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
            ? v
            : throw new ArgumentException($"{name} needs {what}; found '{text}'.");
    }

    /// <summary>Reads the current option's value as one of named choices.</summary>
    /// <typeparam name="T">The type of the choices' values.</typeparam>
    /// <param name="choices">The allowed values as they are written, each with what it stands for.</param>
    /// <returns>What the given value stands for.</returns>
    /// <exception cref="ArgumentException">No value, or not one of the choices (the message lists them).</exception>
    public T Choice<T>(params (string Text, T Value)[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        string name = Name;
        string text = Value();
        foreach (var (key, value) in choices)
        {
            if (key == text)
            {
                return value;
            }
        }

        string names = choices.Length == 1
            ? choices[0].Text
            : string.Join(", ", choices[..^1].Select(c => c.Text)) + " or " + choices[^1].Text;
        throw new ArgumentException($"{name} takes {names}; found '{text}'.");
    }

    /// <summary>Reads the current option's value as a number in [0, 1).</summary>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentException">No value, or not a number in [0, 1).</exception>
    public double Fraction()
    {
        string name = Name;
        string text = Value();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && v < 1
            ? v
            : throw new ArgumentException($"{name} needs a number in [0, 1); found '{text}'.");
    }

    /// <summary>Reads the current option's value as a comma-separated subset of <paramref name="allowed"/>.</summary>
    /// <param name="allowed">The allowed keys, in the order the result keeps.</param>
    /// <returns>The named keys, in the order of <paramref name="allowed"/>.</returns>
    /// <exception cref="ArgumentException">No value, an empty list, or a key not in <paramref name="allowed"/>.</exception>
    public IReadOnlyList<string> Subset(IReadOnlyList<string> allowed)
    {
        string name = Name;
        var names = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !allowed.Contains(n)).ToList();
        if (names.Length == 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"{name} takes a comma-separated subset of {string.Join(", ", allowed)}; unknown: {string.Join(", ", unknown)}.");
        }

        return [.. allowed.Where(names.Contains)];
    }
}
