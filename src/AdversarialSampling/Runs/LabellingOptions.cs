using System.Collections.Immutable;
using AdversarialSampling.Oracles;

namespace AdversarialSampling.Runs;

/// <summary>Options of a labelling pass (<see cref="LabellingEngine.LabelAsync"/>). Immutable once built.</summary>
public sealed class LabellingOptions
{
    /// <summary>Oracle calls running at once (≥ 1); default 1 (external oracles usually use all cores themselves).</summary>
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>The gate every geometry passes before the oracle is called; default <c>new GeometryGate()</c> (0.5 × covalent radii).</summary>
    public GeometryGate GeometryGate { get; init; } = new();

    /// <summary>The gate every result passes before it is recorded as a label; default <c>new PhysicsGate()</c> (forces ≤ 100 eV/Å).</summary>
    public PhysicsGate PhysicsGate { get; init; } = new();

    /// <summary>
    /// Attempts per key within one pass when the oracle reports infrastructure trouble (≥ 1); default 3. When they
    /// are used up the pass pauses.
    /// </summary>
    public int InfrastructureAttempts { get; init; } = 3;

    /// <summary>Delay before the second attempt; each further one doubles it, up to <see cref="RetryMaxDelay"/>. Default 2 s.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest delay between attempts; default 1 min.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Kinds of recorded failures whose keys are called again (paid again) instead of being reported from the store,
    /// e.g. <see cref="OracleFailureKind.Timeout"/> after raising a time limit. Default empty: a failed key is never
    /// re-run. Geometry-gate rejections are always re-checked (that costs nothing); infrastructure errors and
    /// cancellations never count as recorded failures (the key stays in the intent state and is always re-run).
    /// </summary>
    public IReadOnlySet<OracleFailureKind> RetryStoredFailures { get; init; } = ImmutableHashSet<OracleFailureKind>.Empty;

    /// <summary>
    /// Receives each request's final outcome as soon as it is committed; default null. With
    /// <see cref="MaxConcurrency"/> &gt; 1 it is called from several threads at once (as <see cref="Progress{T}"/> allows).
    /// </summary>
    public IProgress<LabelOutcome>? Progress { get; init; }

    /// <summary>Checks every option and throws one exception listing every problem.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid (all named).</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxConcurrency < 1)
        {
            problems.Add($"MaxConcurrency must be ≥ 1 (found {MaxConcurrency}).");
        }

        if (InfrastructureAttempts < 1)
        {
            problems.Add($"InfrastructureAttempts must be ≥ 1 (found {InfrastructureAttempts}).");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < TimeSpan.Zero)
        {
            problems.Add("RetryBaseDelay and RetryMaxDelay must not be negative.");
        }

        if (GeometryGate is null || PhysicsGate is null || RetryStoredFailures is null)
        {
            problems.Add("GeometryGate, PhysicsGate and RetryStoredFailures must not be null.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid labelling options: " + string.Join(" ", problems));
        }
    }
}
