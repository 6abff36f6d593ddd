using AdversarialSampling.Structures;

namespace AdversarialSampling.Potentials;

/// <summary>
/// Base of the low-dimensional toy surfaces (double wells, Müller–Brown) that act on a single particle:
/// the structure must have exactly one atom (any element); its x (and, for two-dimensional surfaces, y)
/// coordinate is the surface's coordinate and every other component carries no energy and gets zero force.
/// Energies are in the surface's own units, treated as eV; coordinates are treated as Å.
/// </summary>
public abstract class ToySurface : AnalyticPotential
{
    /// <summary>Atomic number of the particle built by the <c>Particle</c> helpers (1, hydrogen; any element is accepted).</summary>
    public const int ParticleAtomicNumber = 1;

    /// <summary>Creates a surface.</summary>
    /// <param name="dimensions">1 (uses x) or 2 (uses x and y).</param>
    private protected ToySurface(int dimensions)
    {
        Dimensions = dimensions;
    }

    /// <summary>Number of coordinates that carry energy: 1 (x) or 2 (x, y).</summary>
    public int Dimensions { get; }

    /// <summary>Energy (eV) and forces (eV/Å, 3 values: −∂E/∂x, −∂E/∂y, 0) of a one-atom structure.</summary>
    /// <param name="structure">A structure with exactly one atom.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result; non-finite when the coordinate is so large that the polynomial overflows.</returns>
    /// <exception cref="ArgumentException">The structure does not have exactly one atom.</exception>
    public override PotentialResult Compute(AtomicStructure structure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(structure);
        cancellationToken.ThrowIfCancellationRequested();
        if (structure.AtomCount != 1)
        {
            throw new ArgumentException(
                $"{Name} is a surface for a single particle: the structure must have exactly one atom; found {structure.AtomCount}.",
                nameof(structure));
        }

        var (x, y, _) = structure.Position(0);
        var (energy, dx, dy) = Evaluate(x, Dimensions == 2 ? y : 0);
        return new PotentialResult(energy, [-dx, Dimensions == 2 ? -dy : 0, 0]);
    }

    /// <summary>The surface and its gradient at (x, y); y is 0 for a one-dimensional surface.</summary>
    /// <param name="x">x coordinate.</param>
    /// <param name="y">y coordinate.</param>
    /// <returns>Energy (eV) and the partial derivatives ∂E/∂x, ∂E/∂y (eV/Å).</returns>
    private protected abstract (double Energy, double Dx, double Dy) Evaluate(double x, double y);

    /// <summary>
    /// A one-atom structure at (x, y, 0) whose unused axes are frozen (<see cref="StructureConstraints.FixAxes"/>),
    /// so attacks and dynamics never move the particle along a direction that carries no energy.
    /// </summary>
    /// <param name="x">x coordinate (Å).</param>
    /// <param name="y">y coordinate (Å); must be 0 when <paramref name="dimensions"/> is 1.</param>
    /// <param name="dimensions">1 freezes y and z; 2 freezes z.</param>
    /// <returns>The particle.</returns>
    private protected static AtomicStructure CreateParticle(double x, double y, int dimensions)
        => new(
            [ParticleAtomicNumber],
            [x, y, 0],
            constraints: StructureConstraints.FixAxes(1, x: false, y: dimensions < 2, z: true));

    /// <summary>Labels points of a surface, keeping those whose energy is below a threshold (order kept).</summary>
    /// <param name="points">Particles to label.</param>
    /// <param name="maxEnergy">Keep E &lt; this (eV).</param>
    /// <returns>The kept, labelled samples.</returns>
    private protected Dataset LabelBelow(IEnumerable<AtomicStructure> points, double maxEnergy)
    {
        var kept = new List<LabelledSample>();
        foreach (var p in points)
        {
            var result = Compute(p);
            if (result.Energy < maxEnergy)
            {
                kept.Add(ToSample(p, result));
            }
        }

        return new Dataset(kept);
    }
}
