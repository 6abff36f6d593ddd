using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Potentials;

/// <summary>Conformance of every pair potential: gradient consistency and symmetry invariances.</summary>
public class PairPotentialConformanceTests
{
    public static TheoryData<string, int> Cases() => PotentialTestKit.Cross(["LennardJones", "LennardJonesUnshifted", "Morse"], [101, 102, 103]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_Random13AtomCluster_ForcesAreNegativeGradient(string name, int seed)
    {
        var (potential, cluster) = Setup(name, seed);

        PotentialTestKit.AssertForcesAreNegativeGradient(potential, cluster);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_Random13AtomCluster_HasInteractingAndCutOffPairs(string name, int seed)
    {
        // The configurations must exercise both branches of the cutoff for the other tests to mean anything.
        var (potential, cluster) = Setup(name, seed);
        var distances = Enumerable.Range(0, 13).SelectMany(i => Enumerable.Range(i + 1, 12 - i).Select(j => cluster.Distance(i, j))).ToArray();

        Assert.Contains(distances, r => r < potential.Cutoff);
        Assert.Contains(distances, r => r > potential.Cutoff);
        Assert.All(potential.Compute(cluster).Forces, f => Assert.True(double.IsFinite(f)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_RotatedOrReflectedCluster_SameEnergyAndRotatedForces(string name, int seed)
    {
        var (potential, cluster) = Setup(name, seed);
        var reference = potential.Compute(cluster);
        foreach (bool reflect in new[] { false, true })
        {
            var q = PotentialTestKit.RandomOrthogonal(seed, reflect);
            var rotated = potential.Compute(cluster.WithPositions(PotentialTestKit.Rotate(cluster.Positions, q)));

            Assert.Equal(reference.Energy, rotated.Energy, 1e-10 * Math.Max(1, Math.Abs(reference.Energy)));
            PotentialTestKit.AssertClose(PotentialTestKit.Rotate(reference.Forces, q), rotated.Forces, 1e-9 * Scale(reference), "rotated forces");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_TranslatedCluster_SameEnergyAndForces(string name, int seed)
    {
        var (potential, cluster) = Setup(name, seed);
        var reference = potential.Compute(cluster);
        var shifted = cluster.Positions.Select((v, k) => v + (k % 3 == 0 ? 3.7 : k % 3 == 1 ? -12.25 : 0.5)).ToArray();
        var translated = potential.Compute(cluster.WithPositions(shifted));

        Assert.Equal(reference.Energy, translated.Energy, 1e-10 * Math.Max(1, Math.Abs(reference.Energy)));
        PotentialTestKit.AssertClose(reference.Forces, translated.Forces, 1e-9 * Scale(reference), "translated forces");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_PermutedAtoms_SameEnergyAndPermutedForces(string name, int seed)
    {
        var (potential, cluster) = Setup(name, seed);
        var reference = potential.Compute(cluster);
        var rng = new Random(seed);
        var order = Enumerable.Range(0, cluster.AtomCount).OrderBy(_ => rng.Next()).ToArray();
        Assert.NotEqual(Enumerable.Range(0, cluster.AtomCount), order);
        var permuted = potential.Compute(cluster.WithPositions(Permute(cluster.Positions, order)));

        Assert.Equal(reference.Energy, permuted.Energy, 1e-10 * Math.Max(1, Math.Abs(reference.Energy)));
        PotentialTestKit.AssertClose(Permute(reference.Forces, order), permuted.Forces, 1e-9 * Scale(reference), "permuted forces");
    }

    [Theory]
    [InlineData("LennardJones", 201)]
    [InlineData("LennardJones", 202)]
    [InlineData("Morse", 203)]
    [InlineData("Morse", 204)]
    public void Compute_PeriodicTriclinicCell_ForcesAreNegativeGradientAndLatticeShiftsChangeNothing(string name, int seed)
    {
        var potential = Potential(name);
        double unit = Unit(name);
        var cell = new UnitCell([6.0 * unit, 0, 0, 1.5 * unit, 6.0 * unit, 0, 1.0 * unit, -1.2 * unit, 6.5 * unit]);
        Assert.True(cell.Heights().Min() > 2 * potential.Cutoff);
        var structure = PotentialTestKit.RandomStructure(10, 3.5 * unit, 0.9 * unit, seed, cell);
        var reference = potential.Compute(structure);

        PotentialTestKit.AssertForcesAreNegativeGradient(potential, structure);

        // Move atoms by whole lattice vectors: the periodic system is the same.
        var rng = new Random(seed);
        var p = structure.Positions.ToArray();
        for (int a = 0; a < structure.AtomCount; a++)
        {
            int na = rng.Next(-2, 3), nb = rng.Next(-2, 3), nc = rng.Next(-2, 3);
            for (int c = 0; c < 3; c++)
            {
                p[3 * a + c] += na * cell.Vectors[c] + nb * cell.Vectors[3 + c] + nc * cell.Vectors[6 + c];
            }
        }

        var shifted = potential.Compute(structure.WithPositions(p));
        Assert.Equal(reference.Energy, shifted.Energy, 1e-9 * Math.Max(1, Math.Abs(reference.Energy)));
        PotentialTestKit.AssertClose(reference.Forces, shifted.Forces, 1e-8 * Scale(reference), "lattice-shifted forces");

        // The periodic images interact: the same atoms without the cell have another energy.
        Assert.NotEqual(reference.Energy, potential.Compute(structure.WithCell(null)).Energy, 1e-6);
    }

    [Theory]
    [InlineData("LennardJones")]
    [InlineData("Morse")]
    public void Compute_CutoffNotBelowHalfCellHeight_ThrowsNamingTheCutoff(string name)
    {
        var potential = Potential(name);
        double h = 2 * potential.Cutoff;
        var structure = new AtomicStructure([18, 18], [0, 0, 0, 0.5 * h, 0.3 * h, 0.2 * h], UnitCell.Orthorhombic(3 * h, h, 3 * h));

        var e = Assert.Throws<ArgumentException>(() => potential.Compute(structure));
        Assert.Contains("cutoff", e.Message, StringComparison.Ordinal);
        Assert.Contains("half the smallest periodic cell height", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LennardJones")]
    [InlineData("Morse")]
    public void Compute_CellWithoutPeriodicAxes_TreatedAsCluster(string name)
    {
        var potential = Potential(name);
        var cluster = PotentialTestKit.RandomStructure(6, 1.5 * Unit(name), 0.9 * Unit(name), 7);
        var boxed = cluster.WithCell(UnitCell.Orthorhombic(1, 1, 1, [false, false, false]));

        Assert.Equal(potential.Compute(cluster).Energy, potential.Compute(boxed).Energy);
    }

    [Theory]
    [InlineData("LennardJones")]
    [InlineData("LennardJonesUnshifted")]
    [InlineData("Morse")]
    public void PairEnergy_AroundCutoff_ZeroBeyondAndShiftedOnlyWhenAsked(string name)
    {
        var potential = (PairPotential)Potential(name);
        double rc = potential.Cutoff;

        Assert.Equal(0, potential.PairEnergy(rc));
        Assert.Equal(0, potential.PairEnergy(2 * rc));
        if (potential.ShiftToZero)
        {
            Assert.Equal(0, potential.PairEnergy(rc * (1 - 1e-9)), 1e-9);
        }
        else
        {
            Assert.Equal(0, potential.EnergyShift);
            Assert.True(Math.Abs(potential.PairEnergy(rc * (1 - 1e-9))) > 1e-4);
        }

        var dimer = new AtomicStructure([18, 18], [0, 0, 0, 0, 0, 0.8 * rc]);
        Assert.Equal(potential.PairEnergy(0.8 * rc), potential.Compute(dimer).Energy, 1e-14);
    }

    [Fact]
    public void ComputeBatch_MixedSizes_MatchesOneByOne()
    {
        IPotential potential = Potential("LennardJones");
        var structures = new[] { 2, 13, 5 }.Select((n, i) => PotentialTestKit.RandomStructure(n, 1.6, 0.9, 300 + i)).ToArray();

        var batch = potential.ComputeBatch(structures);

        Assert.Equal(structures.Select(s => potential.Compute(s).Energy), batch.Select(r => r.Energy));
    }

    internal static PairPotential Potential(string name) => name switch
    {
        // Lennard-Jones in reduced units (ε = 1 eV, σ = 1 Å); Morse on a 2.5 Å scale.
        "LennardJones" => new LennardJones(1, 1),
        "LennardJonesUnshifted" => new LennardJones(1, 1, cutoff: 2.2, shiftToZero: false),
        "Morse" => new Morse(0.7, 1.4, 2.5, cutoff: 5.5),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static double Unit(string name) => name == "Morse" ? 2.5 : 1.0;

    private static (PairPotential Potential, AtomicStructure Cluster) Setup(string name, int seed)
        => (Potential(name), PotentialTestKit.RandomStructure(13, 1.9 * Unit(name), 0.9 * Unit(name), seed));

    private static double Scale(PotentialResult r) => Math.Max(1, r.Forces.Max(Math.Abs));

    private static double[] Permute(IReadOnlyList<double> flat, int[] order)
        => [.. order.SelectMany(a => new[] { flat[3 * a], flat[3 * a + 1], flat[3 * a + 2] })];
}
