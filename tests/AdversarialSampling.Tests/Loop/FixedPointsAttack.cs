using AdversarialSampling.Attacks;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// A fake explorer: seed i becomes the double-well particle at points[i] (as many outcomes as points, at most one per
/// seed). It records the seeds of every call.
/// </summary>
internal sealed class FixedPointsAttack(params (double X, double Y)[] points) : IAdversarialAttack
{
    /// <summary>The seeds of every call, in order.</summary>
    public List<IReadOnlyList<AtomicStructure>> Calls { get; } = [];

    public string Name => "FixedPoints";

    public IReadOnlyList<AttackOutcome> Attack(ICommittee committee, IReadOnlyList<AtomicStructure> seeds, AttackContext context, CancellationToken cancellationToken = default)
    {
        Calls.Add([.. seeds]);
        return [.. Enumerable.Range(0, Math.Min(seeds.Count, points.Length)).Select(i => new AttackOutcome
        {
            SeedIndex = i,
            Structure = DoubleWell2D.Particle(points[i].X, points[i].Y),
            ExitReason = AttackExitReason.NotIterative,
        })];
    }
}
