using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.TestHost;

/// <summary>
/// A fake oracle for reliability tests: it delegates to an inner oracle and appends one line (the call's key) to a
/// count file per completed invocation, so that a test can count paid calls per key across processes and crashes.
/// It can block forever at one call, before or after counting it, so that a test can kill the process there.
/// </summary>
public sealed class CountingOracle : IOracle
{
    private readonly IOracle _inner;
    private readonly string _countFile;
    private readonly Lock _gate = new();
    private int _calls;

    public CountingOracle(IOracle inner, string countFile)
    {
        _inner = inner;
        _countFile = countFile;
    }

    public OracleIdentity Identity => _inner.Identity;

    /// <summary>Zero-based index (within this instance) of the call that blocks until cancelled; null: none.</summary>
    public int? BlockAtCall { get; init; }

    /// <summary>True: the blocking call is counted first (completed but not returned); false: it blocks before any work.</summary>
    public bool BlockAfterCounting { get; init; }

    /// <summary>Called with the key when a call blocks.</summary>
    public Action<string>? OnBlocked { get; init; }

    /// <summary>Replaces the inner oracle's outcome of call n (zero-based) when it returns non-null.</summary>
    public Func<int, AtomicStructure, OracleOutcome?>? Fault { get; init; }

    /// <summary>Invocations so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public async Task<OracleOutcome> LabelAsync(AtomicStructure structure, CancellationToken cancellationToken = default)
    {
        int n = Interlocked.Increment(ref _calls) - 1;
        string key = OracleCallKey.Compute(Identity, structure).Value;
        if (n == BlockAtCall && !BlockAfterCounting)
        {
            await BlockAsync(key, cancellationToken);
        }

        var outcome = Fault?.Invoke(n, structure) ?? await _inner.LabelAsync(structure, cancellationToken);
        lock (_gate)
        {
            File.AppendAllText(_countFile, key + "\n");
        }

        if (n == BlockAtCall && BlockAfterCounting)
        {
            await BlockAsync(key, cancellationToken);
        }

        return outcome;
    }

    /// <summary>Counted calls per key in a count file (empty when the file does not exist).</summary>
    public static IReadOnlyDictionary<string, int> ReadCounts(string countFile)
        => File.Exists(countFile)
            ? File.ReadAllLines(countFile).Where(l => l.Length > 0).GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)
            : new Dictionary<string, int>(StringComparer.Ordinal);

    private async Task BlockAsync(string key, CancellationToken cancellationToken)
    {
        OnBlocked?.Invoke(key);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
