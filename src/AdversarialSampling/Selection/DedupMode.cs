namespace AdversarialSampling.Selection;

/// <summary>How candidates closer than <see cref="SelectionOptions.DistanceBetweenCandidates"/> to each other are thinned.</summary>
public enum DedupMode
{
    /// <summary>No deduplication among candidates.</summary>
    None,

    /// <summary>
    /// Single-linkage clustering at the dedup radius (two candidates are linked when their RMSD ≤ radius; clusters
    /// are the connected components, as scipy's <c>fcluster(linkage(…), r, 'distance')</c>); the highest-score
    /// member of each cluster is kept. The paper's choice and the default.
    /// </summary>
    SingleLinkage,

    /// <summary>
    /// Greedy farthest-point selection: start from the highest score, repeatedly add the candidate farthest (by
    /// RMSD) from those kept, until every remaining candidate is within the dedup radius of a kept one.
    /// </summary>
    FarthestPoint,
}
