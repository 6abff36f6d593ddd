using System.Diagnostics;
using AdversarialSampling.Xtb;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>The xtb oracle as an <see cref="IPotential"/> (for optimisation and normal modes): a failed call throws.</summary>
/// <param name="oracle">The oracle.</param>
public sealed class XtbPotential(XtbOracle oracle) : IPotential
{
    private readonly Stopwatch _clock = new();

    /// <inheritdoc />
    public string Name => "xtb";

    /// <summary>xtb calls so far.</summary>
    public int Calls { get; private set; }

    /// <summary>Time spent in xtb calls (s).</summary>
    public double Seconds => _clock.Elapsed.TotalSeconds;

    /// <inheritdoc />
    public PotentialResult Compute(AtomicStructure structure, CancellationToken cancellationToken = default)
    {
        _clock.Start();
        try
        {
            var outcome = oracle.LabelAsync(structure, cancellationToken).GetAwaiter().GetResult();
            Calls++;
            return outcome.Sample is { } sample
                ? new PotentialResult(sample.Energy, sample.Forces)
                : throw new InvalidOperationException($"xtb failed: {outcome.Failure}");
        }
        finally
        {
            _clock.Stop();
        }
    }
}
