using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.TestSupport;

/// <summary>Lennard-Jones clusters for potential, dynamics and optimisation tests.</summary>
internal static class Clusters
{
    /// <summary>Argon-like ε (eV).</summary>
    public const double ArgonEpsilon = 0.0104;

    /// <summary>Argon-like σ (Å).</summary>
    public const double ArgonSigma = 3.4;

    /// <summary>Argon-like Lennard-Jones without cutoff (so the energy is smooth everywhere).</summary>
    public static LennardJones Argon() => new(ArgonEpsilon, ArgonSigma, cutoff: double.PositiveInfinity);

    /// <summary>A centred icosahedron of 13 atoms (argon by default) whose 12 vertices lie at <paramref name="radius"/> from the centre.</summary>
    public static AtomicStructure Icosahedron(double radius, int atomicNumber = 18)
    {
        double phi = (1 + Math.Sqrt(5)) / 2;
        double norm = radius / Math.Sqrt(1 + phi * phi);
        var p = new List<double> { 0, 0, 0 };
        foreach (double s1 in new[] { -1.0, 1.0 })
        {
            foreach (double s2 in new[] { -1.0, 1.0 })
            {
                p.AddRange([0, s1 * norm, s2 * phi * norm]);
                p.AddRange([s1 * norm, s2 * phi * norm, 0]);
                p.AddRange([s2 * phi * norm, 0, s1 * norm]);
            }
        }

        return new AtomicStructure(Enumerable.Repeat(atomicNumber, 13).ToArray(), p);
    }

    /// <summary>An argon icosahedron close to the LJ13 minimum (vertex radius 1.1σ), each coordinate displaced uniformly by up to ±<paramref name="jitter"/> Å.</summary>
    public static AtomicStructure ArgonIcosahedron(double jitter = 0, int seed = 0)
    {
        var s = Icosahedron(1.1 * ArgonSigma);
        var rng = new Random(seed);
        return s.WithPositions([.. s.Positions.Select(x => x + jitter * (2 * rng.NextDouble() - 1))]);
    }

    /// <summary>Two argon atoms <paramref name="r"/> Å apart along z.</summary>
    public static AtomicStructure Dimer(double r) => new([18, 18], [0, 0, 0, 0, 0, r]);
}
