using System.Collections.Immutable;

namespace AdversarialSampling.Oracles;

/// <summary>
/// What identifies an oracle's results: name, version and the semantic settings that change results
/// (method, charge, spin, solvent, ...). It enters the oracle-call key; paths, queues and timings must not.
/// </summary>
public sealed record OracleIdentity
{
    /// <summary>Creates an identity.</summary>
    /// <param name="name">Oracle name (e.g. "xtb", "DoubleWell2D").</param>
    /// <param name="version">Program or implementation version.</param>
    /// <param name="settings">Semantic settings (sorted by key in <see cref="Settings"/>).</param>
    public OracleIdentity(string name, string version, IEnumerable<KeyValuePair<string, string>>? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(version);
        Name = name;
        Version = version;
        Settings = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, settings ?? []);
    }

    /// <summary>Oracle name.</summary>
    public string Name { get; }

    /// <summary>Program or implementation version.</summary>
    public string Version { get; }

    /// <summary>Semantic settings, sorted by key (ordinal).</summary>
    public ImmutableSortedDictionary<string, string> Settings { get; }

    /// <summary>A canonical one-line form: <c>name|version|k1=v1;k2=v2</c>.</summary>
    /// <returns>The canonical string.</returns>
    public string ToCanonicalString() => $"{Name}|{Version}|{string.Join(';', Settings.Select(kv => kv.Key + "=" + kv.Value))}";
}
