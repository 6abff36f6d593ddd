using System.Collections.Immutable;

namespace AdversarialSampling.Structures;

/// <summary>Summary statistics of a dataset. Energies in eV, forces in eV/Å.</summary>
public sealed record DatasetStatistics
{
    /// <summary>Number of samples.</summary>
    public int Count { get; init; }

    /// <summary>Fewest atoms in a sample (0 for an empty set).</summary>
    public int AtomsMin { get; init; }

    /// <summary>Most atoms in a sample (0 for an empty set).</summary>
    public int AtomsMax { get; init; }

    /// <summary>Element symbols present, ordered by atomic number.</summary>
    public ImmutableArray<string> Elements { get; init; } = [];

    /// <summary>True if any sample is periodic.</summary>
    public bool Periodic { get; init; }

    /// <summary>Lowest energy (eV), null for an empty set.</summary>
    public double? EnergyMin { get; init; }

    /// <summary>Highest energy (eV), null for an empty set.</summary>
    public double? EnergyMax { get; init; }

    /// <summary>Mean energy (eV), null for an empty set.</summary>
    public double? EnergyMean { get; init; }

    /// <summary>Population standard deviation of the energies (eV), null for an empty set.</summary>
    public double? EnergyStd { get; init; }

    /// <summary>Largest per-atom force norm over samples with forces (eV/Å), null if none has forces.</summary>
    public double? MaxForceNorm { get; init; }

    /// <summary>Number of samples with forces.</summary>
    public int WithForces { get; init; }

    /// <summary>Computes the statistics of a dataset.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <returns>The statistics.</returns>
    public static DatasetStatistics Compute(IReadOnlyCollection<LabelledSample> dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Count == 0)
        {
            return new DatasetStatistics();
        }

        var energies = dataset.Select(s => s.Energy).ToArray();
        double mean = energies.Average();
        double? maxF = null;
        foreach (var s in dataset)
        {
            if (s.MaxForceNorm is double f)
            {
                maxF = Math.Max(maxF ?? 0, f);
            }
        }

        return new DatasetStatistics
        {
            Count = dataset.Count,
            AtomsMin = dataset.Min(s => s.Structure.AtomCount),
            AtomsMax = dataset.Max(s => s.Structure.AtomCount),
            Elements = [.. dataset.SelectMany(s => s.Structure.AtomicNumbers).Distinct().Order().Select(Structures.Elements.Symbol)],
            Periodic = dataset.Any(s => s.Structure.IsPeriodic),
            EnergyMin = energies.Min(),
            EnergyMax = energies.Max(),
            EnergyMean = mean,
            EnergyStd = Math.Sqrt(energies.Select(e => (e - mean) * (e - mean)).Average()),
            MaxForceNorm = maxF,
            WithForces = dataset.Count(s => s.HasForces),
        };
    }
}
