using System.Collections.Immutable;

namespace AdversarialSampling.Committees;

/// <summary>
/// Every committee member's prediction for one structure: energies (eV, length M) and forces
/// (eV/Å, M arrays of flat N×3), with the member mean.
/// </summary>
public sealed class StructurePrediction
{
    /// <summary>Creates a prediction.</summary>
    /// <param name="memberEnergies">Energy of each member (eV, length M ≥ 1).</param>
    /// <param name="memberForces">Forces of each member (M arrays of 3N values, eV/Å).</param>
    /// <exception cref="ArgumentException">Inconsistent lengths.</exception>
    public StructurePrediction(IReadOnlyList<double> memberEnergies, IReadOnlyList<IReadOnlyList<double>> memberForces)
    {
        ArgumentNullException.ThrowIfNull(memberEnergies);
        ArgumentNullException.ThrowIfNull(memberForces);
        if (memberEnergies.Count == 0 || memberForces.Count != memberEnergies.Count)
        {
            throw new ArgumentException($"Need one force array per member: {memberEnergies.Count} energies, {memberForces.Count} force arrays.", nameof(memberForces));
        }

        int n3 = memberForces[0].Count;
        if (n3 % 3 != 0 || memberForces.Any(f => f.Count != n3))
        {
            throw new ArgumentException("Every member's forces must have the same length 3N.", nameof(memberForces));
        }

        MemberEnergies = [.. memberEnergies];
        MemberForces = [.. memberForces.Select(f => f.ToImmutableArray())];
        MeanEnergy = MemberEnergies.Average();
        var mean = new double[n3];
        foreach (var f in MemberForces)
        {
            for (int k = 0; k < n3; k++)
            {
                mean[k] += f[k];
            }
        }

        for (int k = 0; k < n3; k++)
        {
            mean[k] /= MemberForces.Length;
        }

        MeanForces = [.. mean];
    }

    /// <summary>Number of members M.</summary>
    public int MemberCount => MemberEnergies.Length;

    /// <summary>Number of atoms N.</summary>
    public int AtomCount => MeanForces.Length / 3;

    /// <summary>Energy of each member (eV, length M).</summary>
    public ImmutableArray<double> MemberEnergies { get; }

    /// <summary>Forces of each member (M arrays, each flat row-major N×3, eV/Å).</summary>
    public ImmutableArray<ImmutableArray<double>> MemberForces { get; }

    /// <summary>Member-mean energy (eV).</summary>
    public double MeanEnergy { get; }

    /// <summary>Member-mean forces, flat row-major N×3 (eV/Å).</summary>
    public ImmutableArray<double> MeanForces { get; }

    /// <summary>The member mean as a potential result.</summary>
    /// <returns>Mean energy and forces.</returns>
    public PotentialResult ToMeanResult() => new(MeanEnergy, MeanForces);
}
