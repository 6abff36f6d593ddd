using System.Collections.Immutable;

namespace AdversarialSampling.Committees;

/// <summary>Per-member predictions for a batch of structures, in input order.</summary>
public sealed class CommitteePrediction
{
    /// <summary>Creates a batch prediction.</summary>
    /// <param name="structures">One prediction per structure; all with the same member count.</param>
    public CommitteePrediction(IEnumerable<StructurePrediction> structures)
    {
        ArgumentNullException.ThrowIfNull(structures);
        Structures = [.. structures];
        if (Structures.Length > 0 && Structures.Any(s => s.MemberCount != Structures[0].MemberCount))
        {
            throw new ArgumentException("Every structure must have predictions from the same number of members.", nameof(structures));
        }
    }

    /// <summary>Predictions, one per input structure.</summary>
    public ImmutableArray<StructurePrediction> Structures { get; }

    /// <summary>Number of members M (0 for an empty batch).</summary>
    public int MemberCount => Structures.IsEmpty ? 0 : Structures[0].MemberCount;

    /// <summary>Number of structures.</summary>
    public int Count => Structures.Length;

    /// <summary>The prediction for structure <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based structure index.</param>
    public StructurePrediction this[int index] => Structures[index];
}
