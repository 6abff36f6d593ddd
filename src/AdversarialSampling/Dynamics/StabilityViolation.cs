using System.Globalization;

namespace AdversarialSampling.Dynamics;

/// <summary>The first distance found outside the <see cref="StabilityChecker"/> window.</summary>
/// <param name="Kind">Which bound was broken.</param>
/// <param name="AtomA">Zero-based index of the first atom (the lower index of the pair).</param>
/// <param name="AtomB">Zero-based index of the second atom (for <see cref="StabilityMode.NearestNeighbor"/> and
/// <see cref="StabilityViolationKind.TooFar"/>: the nearest neighbour of <paramref name="AtomA"/>).</param>
/// <param name="Distance">The offending distance (Å, minimum image in periodic cells).</param>
public sealed record StabilityViolation(StabilityViolationKind Kind, int AtomA, int AtomB, double Distance)
{
    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Kind}: atoms {AtomA} and {AtomB} at {Distance:F3} Å");
}
