using System.Globalization;
using System.Text.Json;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// A strict reader of one JSON object of a run configuration. Every getter names the key it reads, so that
/// <see cref="Finish"/> can report every other key as unknown (listing the known ones); a value of the wrong JSON type
/// is a problem naming its path, never silently converted. Absent keys and JSON null give null (the caller's default).
/// </summary>
internal sealed class ConfigObject
{
    private readonly JsonElement _element;
    private readonly ConfigProblems _problems;
    private readonly List<string> _known = [];

    private ConfigObject(JsonElement element, string path, ConfigProblems problems)
    {
        _element = element;
        Path = path;
        _problems = problems;
    }

    /// <summary>The JSON path of this object, e.g. "$.committee".</summary>
    public string Path { get; }

    /// <summary>The problem list this reader reports to.</summary>
    public ConfigProblems Problems => _problems;

    /// <summary>Reads an element that must be an object.</summary>
    /// <param name="element">The element.</param>
    /// <param name="path">Its JSON path.</param>
    /// <param name="problems">Where problems go.</param>
    /// <returns>The reader, or null (problem recorded) when the element is not an object.</returns>
    public static ConfigObject? From(JsonElement element, string path, ConfigProblems problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"expected an object, found {Describe(element)}.");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                problems.Add(path + "." + property.Name, "duplicate key.");
            }
        }

        return new ConfigObject(element, path, problems);
    }

    /// <summary>A short description of a JSON value for messages, e.g. <c>a string ("abc")</c>.</summary>
    /// <param name="element">The value.</param>
    /// <returns>The description.</returns>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"a string (\"{element.GetString()}\")",
        JsonValueKind.Number => $"a number ({element.GetRawText()})",
        JsonValueKind.True or JsonValueKind.False => $"a boolean ({element.GetRawText()})",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    /// <summary>The path of a key of this object.</summary>
    /// <param name="key">The key.</param>
    /// <returns>"PATH.key".</returns>
    public string PathOf(string key) => Path + "." + key;

    /// <summary>True when the key is present and not JSON null (the key becomes known).</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether a value is given.</returns>
    public bool Has(string key) => Value(key) is not null;

    /// <summary>True when the key is present with the value JSON null (the key becomes known).</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether the value is null.</returns>
    public bool IsNull(string key)
    {
        Know(key);
        return _element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Null;
    }

    /// <summary>Records a problem at a key of this object.</summary>
    /// <param name="key">The key.</param>
    /// <param name="message">The message.</param>
    public void Problem(string key, FormattableString message) => _problems.Add(PathOf(key), message);

    /// <summary>Records "required key is missing." when the key is absent or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>True when present.</returns>
    public bool Require(string key)
    {
        if (Has(key))
        {
            return true;
        }

        _problems.Add(PathOf(key), "required key is missing.");
        return false;
    }

    /// <summary>An integer (a JSON number without fraction that fits in 32 bits).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent, null or wrong (problem recorded).</returns>
    public int? Int(string key) => Read<int?>(key, "an integer", e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? v : null);

    /// <summary>A number.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent, null or wrong (problem recorded).</returns>
    public double? Number(string key) => Read<double?>(key, "a number", e => e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && double.IsFinite(v) ? v : null);

    /// <summary>A string.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent, null or wrong (problem recorded).</returns>
    public string? String(string key) => Read<string?>(key, "a string", e => e.ValueKind == JsonValueKind.String ? e.GetString() : null);

    /// <summary>A boolean.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when absent, null or wrong (problem recorded).</returns>
    public bool? Bool(string key) => Read<bool?>(key, "a boolean", e => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : null);

    /// <summary>One of a fixed set of names (case-sensitive, camelCase).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="choices">Name → value, in the order listed in messages.</param>
    /// <returns>The value, or null when absent, null or unknown (problem recorded).</returns>
    public T? Choice<T>(string key, IReadOnlyList<KeyValuePair<string, T>> choices)
        where T : struct
    {
        string? name = String(key);
        if (name is null)
        {
            return null;
        }

        foreach (var (choice, value) in choices)
        {
            if (string.Equals(choice, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        _problems.Add(PathOf(key), $"unknown value \"{name}\"; expected one of: {string.Join(", ", choices.Select(c => c.Key))}.");
        return null;
    }

    /// <summary>A nested object.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Its reader, or null when absent, null or not an object (problem recorded).</returns>
    public ConfigObject? Object(string key)
        => Value(key) is { } value ? From(value, PathOf(key), _problems) : null;

    /// <summary>An array of objects.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Readers of the items that are objects (the others are problems), or null when absent, null or not an array.</returns>
    public IReadOnlyList<ConfigObject>? Objects(string key)
    {
        if (Array(key) is not { } array)
        {
            return null;
        }

        var items = new List<ConfigObject>();
        int index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (From(item, string.Create(CultureInfo.InvariantCulture, $"{PathOf(key)}[{index}]"), _problems) is { } reader)
            {
                items.Add(reader);
            }

            index++;
        }

        return items;
    }

    /// <summary>An array of integers.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The integers, or null when absent, null or wrong (problem recorded).</returns>
    public IReadOnlyList<int>? Ints(string key)
        => Items(key, "an integer", e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? (true, v) : (false, 0));

    /// <summary>An array of strings.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The strings, or null when absent, null or wrong (problem recorded).</returns>
    public IReadOnlyList<string>? Strings(string key)
        => Items(key, "a string", e => e.ValueKind == JsonValueKind.String ? (true, e.GetString()!) : (false, ""));

    /// <summary>An array whose items convert one by one; every wrong item is recorded as a problem at its index.</summary>
    private List<T>? Items<T>(string key, string expected, Func<JsonElement, (bool Ok, T Value)> convert)
    {
        if (Array(key) is not { } array)
        {
            return null;
        }

        var items = new List<T>();
        int index = 0;
        bool ok = true;
        foreach (var item in array.EnumerateArray())
        {
            var (converted, value) = convert(item);
            if (converted)
            {
                items.Add(value);
            }
            else
            {
                _problems.Add(string.Create(CultureInfo.InvariantCulture, $"{PathOf(key)}[{index}]"), $"expected {expected}, found {Describe(item)}.");
                ok = false;
            }

            index++;
        }

        return ok ? items : null;
    }

    /// <summary>An interval [min, max] given as an array of two numbers.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The interval, or null when absent, null or wrong (problem recorded).</returns>
    public (double Min, double Max)? Interval(string key)
    {
        if (Array(key) is not { } array)
        {
            return null;
        }

        if (array.GetArrayLength() == 2
            && array[0].ValueKind == JsonValueKind.Number && array[0].TryGetDouble(out double lo) && double.IsFinite(lo)
            && array[1].ValueKind == JsonValueKind.Number && array[1].TryGetDouble(out double hi) && double.IsFinite(hi))
        {
            return (lo, hi);
        }

        _problems.Add(PathOf(key), $"expected an array of two numbers [min, max], found {array.GetRawText()}.");
        return null;
    }

    /// <summary>Reports every key of this object that no getter asked for as unknown, listing the known keys.</summary>
    public void Finish()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_known.Contains(property.Name, StringComparer.Ordinal))
            {
                _problems.Add(PathOf(property.Name), $"unknown key; expected one of: {string.Join(", ", _known)}.");
            }
        }
    }

    private JsonElement? Array(string key)
    {
        if (Value(key) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _problems.Add(PathOf(key), $"expected an array, found {Describe(value)}.");
            return null;
        }

        return value;
    }

    private T Read<T>(string key, string expected, Func<JsonElement, T> convert)
    {
        if (Value(key) is not { } value)
        {
            return default!;
        }

        var result = convert(value);
        if (result is null)
        {
            _problems.Add(PathOf(key), $"expected {expected}, found {Describe(value)}.");
        }

        return result;
    }

    private JsonElement? Value(string key)
    {
        Know(key);
        return _element.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private void Know(string key)
    {
        if (!_known.Contains(key, StringComparer.Ordinal))
        {
            _known.Add(key);
        }
    }
}
