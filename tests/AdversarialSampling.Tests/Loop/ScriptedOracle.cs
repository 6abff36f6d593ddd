using AdversarialSampling.Oracles;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Loop;

/// <summary>The 2D double well as an oracle whose outcome for a structure can be replaced (same identity as <see cref="DoubleWell2D"/>).</summary>
internal sealed class ScriptedOracle(Func<AtomicStructure, OracleOutcome?>? script = null) : IOracle
{
    private readonly DoubleWell2D _inner = new();
    private int _calls;

    public OracleIdentity Identity => _inner.Identity;

    public int Calls => Volatile.Read(ref _calls);

    public Task<OracleOutcome> LabelAsync(AtomicStructure structure, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return script?.Invoke(structure) is { } outcome ? Task.FromResult(outcome) : _inner.LabelAsync(structure, cancellationToken);
    }
}
