using AdversarialSampling.Samples.Ammonia;
using AdversarialSampling.Dynamics;
using AdversarialSampling.Optimization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Optimization;

/// <summary>
/// The NH3 inversion barrier with the library's tools: E(planar D3h, optimised with every z frozen at 0, so the
/// N–H distances relax in the plane) − E(pyramidal minimum, optimised); and the same barrier from a climbing-image
/// NEB between the pyramid and its mirror image.
/// </summary>
internal static class AmmoniaInversion
{
    /// <summary>A pyramidal NH3 guess: N at the origin, H 0.94 Å out in the plane z = −0.37 Å (N–H 1.01 Å).</summary>
    public static AtomicStructure Pyramid() => AmmoniaGeometry.Pyramid();

    /// <summary>A planar NH3 guess in z = 0 (N–H 1.0 Å).</summary>
    public static AtomicStructure Planar() => AmmoniaGeometry.Planar();

    /// <summary>Freezes z of all four atoms: an optimisation from a planar structure stays planar.</summary>
    public static StructureConstraints KeepPlanar() => AmmoniaGeometry.KeepPlanar();

    /// <summary>The structure moved so that its centre of mass is at the origin.</summary>
    public static AtomicStructure Centred(AtomicStructure s)
    {
        var m = s.AtomicNumbers.Select(Elements.Mass).ToArray();
        var p = s.Positions.ToArray();
        for (int c = 0; c < 3; c++)
        {
            double com = Enumerable.Range(0, s.AtomCount).Sum(a => m[a] * p[3 * a + c]) / m.Sum();
            for (int a = 0; a < s.AtomCount; a++)
            {
                p[3 * a + c] -= com;
            }
        }

        return s.WithPositions(p);
    }

    /// <summary>The mirror image z → −z (the inverted pyramid, for a centred structure).</summary>
    public static AtomicStructure Mirror(AtomicStructure s)
        => s.WithPositions([.. s.Positions.Select((x, k) => k % 3 == 2 ? -x : x)]);

    /// <summary>Barrier (eV) by two optimisations: the pyramid, and the planar structure with z frozen.</summary>
    public static (double Barrier, OptimizationResult Minimum, OptimizationResult Planar) ByConstrainedOptimisation(IPotential potential, StructureOptimizer optimizer)
    {
        var minimum = optimizer.Minimize(potential, Pyramid());
        var planar = optimizer.MinimizeConstrained(potential, Planar(), KeepPlanar());
        return (planar.Energy - minimum.Energy, minimum, planar);
    }

    /// <summary>Height of the pyramid (Å): distance of N from the plane of the three H atoms.</summary>
    public static double PyramidHeight(AtomicStructure s) => AmmoniaGeometry.PyramidHeight(s);

    /// <summary>An NVE run from a structure (for the NN-MD stability protocol of method.md §5).</summary>
    public static MdResult Nve(IPotential potential, AtomicStructure start, double kelvin, int steps, int seed)
        => new MolecularDynamics(new MdOptions { TimeStepFs = 1, Steps = steps, InitialTemperatureK = kelvin, Seed = seed, Stability = StabilityChecker.Ammonia })
            .Run(potential, start);
}
