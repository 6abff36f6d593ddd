using AdversarialSampling.Dynamics;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.Models;
using AdversarialSampling.Tests.TestSupport;

namespace AdversarialSampling.Tests.Dynamics;

public class VelocitiesTests
{
    public static TheoryData<string, int> DegreesOfFreedomCases => new()
    {
        { "ammonia", 9 },
        { "lj13", 36 },
        { "particle2d", 2 },
        { "particle1d", 1 },
        { "fixedAtom", 9 },
        { "fixedZ", 9 },
    };

    [Theory]
    [MemberData(nameof(DegreesOfFreedomCases))]
    public void DegreesOfFreedom_Convention_FreeComponentsMinusMomentumAxes(string name, int expected)
    {
        Assert.Equal(expected, Velocities.DegreesOfFreedom(Structure(name)));
    }

    [Fact]
    public void DegreesOfFreedom_MomentumNotZeroed_AllFreeComponents()
    {
        Assert.Equal(12, Velocities.DegreesOfFreedom(TestStructures.Ammonia(), zeroTotalMomentum: false));
    }

    [Theory]
    [InlineData("ammonia", 1200.0)]
    [InlineData("lj13", 30.0)]
    [InlineData("particle2d", 500.0)]
    [InlineData("fixedAtom", 300.0)]
    [InlineData("fixedZ", 300.0)]
    public void MaxwellBoltzmann_AnyStructure_ExactTemperatureZeroMomentumFrozenAtRest(string name, double kelvin)
    {
        var structure = Structure(name);

        var v = Velocities.MaxwellBoltzmann(structure, kelvin, seed: 3);

        Assert.Equal(kelvin, Velocities.Temperature(structure, v), 1e-9 * kelvin);
        var axes = Velocities.MomentumAxes(structure);
        var p = Velocities.TotalMomentum(structure, v);
        for (int axis = 0; axis < 3; axis++)
        {
            if (axes[axis])
            {
                Assert.Equal(0, p[axis], 1e-12);
            }
        }

        var frozen = structure.FrozenMask();
        Assert.All(Enumerable.Range(0, v.Length).Where(k => frozen[k]), k => Assert.Equal(0, v[k]));
        Assert.Contains(v, x => x != 0);
    }

    [Fact]
    public void MaxwellBoltzmann_SameSeed_SameVelocities_OtherSeedDiffers()
    {
        var s = Clusters.ArgonIcosahedron();

        Assert.Equal(Velocities.MaxwellBoltzmann(s, 40, 7), Velocities.MaxwellBoltzmann(s, 40, 7));
        Assert.NotEqual(Velocities.MaxwellBoltzmann(s, 40, 7), Velocities.MaxwellBoltzmann(s, 40, 8));
    }

    [Fact]
    public void MaxwellBoltzmann_ZeroKelvin_ZeroVelocities()
    {
        Assert.All(Velocities.MaxwellBoltzmann(TestStructures.Ammonia(), 0), v => Assert.Equal(0, v));
    }

    [Fact]
    public void MaxwellBoltzmann_ManyAtoms_ComponentSpreadIsThermal()
    {
        // 2000 argon atoms at 100 K: the velocity variance per component is k_B T / m (within sampling error).
        var structure = new AtomicStructure(Enumerable.Repeat(18, 2000).ToArray(), Enumerable.Range(0, 6000).Select(i => 3.0 * i).ToArray());

        var v = Velocities.MaxwellBoltzmann(structure, 100, seed: 1);

        double expected = Units.KelvinToEv(100) / (Elements.Mass(18) * Units.AmuAngstromSquaredPerFemtosecondSquared);
        double variance = v.Select(x => x * x).Average();
        Assert.InRange(variance / expected, 0.999, 1.001); // rescaled to the exact temperature: f/3N of it
        double kurtosis = v.Select(x => Math.Pow(x, 4)).Average() / (variance * variance);
        Assert.InRange(kurtosis, 2.8, 3.2); // Gaussian
    }

    [Fact]
    public void KineticEnergy_OneAtom_HalfMassVelocitySquaredInEv()
    {
        var s = new AtomicStructure([18], [0, 0, 0]);

        double e = Velocities.KineticEnergy(s, [0.01, 0, 0]);

        Assert.Equal(0.5 * 39.948 * 1e-4 * 103.642697, e, 1e-12);
    }

    [Fact]
    public void MaxwellBoltzmann_NothingFree_Throws()
    {
        var s = new AtomicStructure([1], [0, 0, 0], constraints: new StructureConstraints([0]));

        Assert.Throws<ArgumentException>(() => Velocities.MaxwellBoltzmann(s, 300));
        Assert.Equal(0, Velocities.Temperature(s, [0, 0, 0]));
    }

    [Fact]
    public void KineticEnergy_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => Velocities.KineticEnergy(TestStructures.Ammonia(), [1, 2, 3]));
    }

    internal static AtomicStructure Structure(string name) => name switch
    {
        "ammonia" => TestStructures.Ammonia(),
        "lj13" => Clusters.ArgonIcosahedron(),
        "particle2d" => DoubleWell2D.Particle(-0.7, 0.1),
        "particle1d" => DoubleWell1D.Particle(-0.9),
        "fixedAtom" => TestStructures.Ammonia().WithConstraints(new StructureConstraints([0])),
        "fixedZ" => TestStructures.Ammonia().WithConstraints(new StructureConstraints(null, [new FixedCartesian(1, false, false, true)])),
        _ => throw new ArgumentException(name),
    };
}
