using AdversarialSampling.Structures;

namespace AdversarialSampling.Dynamics;

/// <summary>
/// Velocities (Å/fs, flat row-major N×3), kinetic energy and temperature, with one convention for degrees of
/// freedom used everywhere in <see cref="AdversarialSampling.Dynamics"/>.
/// </summary>
/// <remarks>
/// <para>
/// Degrees of freedom: the number of Cartesian components that may move (3N minus the frozen components), minus one
/// for every <em>momentum axis</em>. When the total momentum is to be zero, x, y and z are momentum axes if the
/// structure has at least two atoms and no atom has that component frozen (a frozen component holds the system in
/// place along its axis, so the total momentum along it is not conserved and is left alone; a lone particle on a toy
/// surface keeps all its velocity). Examples: NH3 free, 3·4 − 3 = 9; LJ13, 36; a 2D toy-surface particle (z
/// frozen), 2; a slab with fixed bottom atoms, 3N − 3·fixed.
/// </para>
/// <para>Kinetic energy E_k = ½ Σ m v² · <see cref="Units.AmuAngstromSquaredPerFemtosecondSquared"/> (eV, masses from
/// <see cref="Elements.Mass"/>); temperature T = 2 E_k / (f k_B) with f the degrees of freedom (0 K when f = 0).</para>
/// </remarks>
public static class Velocities
{
    /// <summary>
    /// Maxwell–Boltzmann velocities at exactly <paramref name="temperatureK"/>: Gaussian components with variance
    /// k_B T / m drawn from <c>new Random(seed)</c> (x, y, z of atom 0, then atom 1, …; frozen components are skipped
    /// and stay 0), the total momentum removed along the momentum axes, then all velocities scaled so that
    /// <see cref="Temperature"/> equals <paramref name="temperatureK"/> exactly.
    /// </summary>
    /// <param name="structure">The structure (masses from its elements, constraints from its frozen mask).</param>
    /// <param name="temperatureK">Temperature (K), finite and ≥ 0; 0 gives zero velocities.</param>
    /// <param name="seed">Random seed; default 0.</param>
    /// <param name="zeroTotalMomentum">Remove the total momentum along the momentum axes (see remarks); default true.</param>
    /// <returns>Velocities (Å/fs, flat N×3).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The temperature is negative or not finite.</exception>
    /// <exception cref="ArgumentException">The temperature is positive but the structure has no degree of freedom.</exception>
    public static double[] MaxwellBoltzmann(AtomicStructure structure, double temperatureK, int seed = 0, bool zeroTotalMomentum = true)
    {
        ArgumentNullException.ThrowIfNull(structure);
        if (!(temperatureK >= 0 && double.IsFinite(temperatureK)))
        {
            throw new ArgumentOutOfRangeException(nameof(temperatureK), temperatureK, "Temperature must be finite and ≥ 0 K.");
        }

        var v = new double[3 * structure.AtomCount];
        if (temperatureK == 0)
        {
            return v;
        }

        int dof = DegreesOfFreedom(structure, zeroTotalMomentum);
        if (dof <= 0)
        {
            throw new ArgumentException($"The structure has no degree of freedom ({structure.AtomCount} atoms, {structure.FrozenMask().Count(f => f)} frozen components); it cannot be given a temperature.", nameof(structure));
        }

        var masses = Masses(structure);
        var frozen = structure.FrozenMask();
        var gauss = new GaussianRandom(seed);
        double kT = Units.KelvinToEv(temperatureK);
        for (int k = 0; k < v.Length; k++)
        {
            if (!frozen[k])
            {
                v[k] = Math.Sqrt(kT / (masses[k / 3] * Units.AmuAngstromSquaredPerFemtosecondSquared)) * gauss.Next();
            }
        }

        RemoveTotalMomentum(v, masses, MomentumAxes(structure, zeroTotalMomentum));
        double current = Temperature(structure, v, zeroTotalMomentum);
        double scale = current > 0 ? Math.Sqrt(temperatureK / current) : 0;
        for (int k = 0; k < v.Length; k++)
        {
            v[k] *= scale;
        }

        return v;
    }

    /// <summary>Kinetic energy ½ Σ m v² (eV).</summary>
    /// <param name="structure">The structure (masses).</param>
    /// <param name="velocities">Velocities (Å/fs, flat N×3).</param>
    /// <returns>Kinetic energy (eV).</returns>
    public static double KineticEnergy(AtomicStructure structure, IReadOnlyList<double> velocities)
    {
        ArgumentNullException.ThrowIfNull(structure);
        CheckLength(structure, velocities);
        return KineticEnergyOf(Masses(structure), velocities);
    }

    /// <summary>Degrees of freedom f (see remarks of <see cref="Velocities"/>).</summary>
    /// <param name="structure">The structure.</param>
    /// <param name="zeroTotalMomentum">Whether the total momentum is held at zero; default true.</param>
    /// <returns>f ≥ 0.</returns>
    public static int DegreesOfFreedom(AtomicStructure structure, bool zeroTotalMomentum = true)
    {
        ArgumentNullException.ThrowIfNull(structure);
        int free = structure.FrozenMask().Count(f => !f);
        return free - MomentumAxes(structure, zeroTotalMomentum).Count(a => a);
    }

    /// <summary>Instantaneous temperature T = 2 E_k / (f k_B) (K); 0 when f = 0.</summary>
    /// <param name="structure">The structure.</param>
    /// <param name="velocities">Velocities (Å/fs, flat N×3).</param>
    /// <param name="zeroTotalMomentum">Whether the total momentum is held at zero (sets f); default true.</param>
    /// <returns>Temperature (K).</returns>
    public static double Temperature(AtomicStructure structure, IReadOnlyList<double> velocities, bool zeroTotalMomentum = true)
    {
        int dof = DegreesOfFreedom(structure, zeroTotalMomentum);
        return TemperatureOf(KineticEnergy(structure, velocities), dof);
    }

    /// <summary>Total momentum Σ m v (amu·Å/fs, 3 values).</summary>
    /// <param name="structure">The structure (masses).</param>
    /// <param name="velocities">Velocities (Å/fs, flat N×3).</param>
    /// <returns>(p_x, p_y, p_z).</returns>
    public static double[] TotalMomentum(AtomicStructure structure, IReadOnlyList<double> velocities)
    {
        ArgumentNullException.ThrowIfNull(structure);
        CheckLength(structure, velocities);
        var masses = Masses(structure);
        var p = new double[3];
        for (int k = 0; k < velocities.Count; k++)
        {
            p[k % 3] += masses[k / 3] * velocities[k];
        }

        return p;
    }

    /// <summary>
    /// The momentum axes (x, y, z): axes along which the total momentum is held at zero — every axis with no frozen
    /// component, for structures of at least two atoms, when <paramref name="zeroTotalMomentum"/> is set.
    /// </summary>
    /// <param name="structure">The structure.</param>
    /// <param name="zeroTotalMomentum">Whether the total momentum is held at zero; default true.</param>
    /// <returns>3 booleans.</returns>
    public static bool[] MomentumAxes(AtomicStructure structure, bool zeroTotalMomentum = true)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var axes = new bool[3];
        if (!zeroTotalMomentum || structure.AtomCount < 2)
        {
            return axes;
        }

        var frozen = structure.FrozenMask();
        for (int axis = 0; axis < 3; axis++)
        {
            axes[axis] = true;
            for (int a = 0; a < structure.AtomCount; a++)
            {
                axes[axis] &= !frozen[3 * a + axis];
            }
        }

        return axes;
    }

    /// <summary>
    /// The starting velocities of a run: <paramref name="given"/> with frozen components set to 0, or Maxwell–Boltzmann
    /// velocities at <paramref name="temperatureK"/> from <paramref name="seed"/> when none are given.
    /// </summary>
    /// <exception cref="ArgumentException">The velocities have the wrong length or a non-finite value.</exception>
    internal static double[] Starting(AtomicStructure structure, IReadOnlyList<double>? given, double temperatureK, int seed, bool zeroTotalMomentum, string parameterName)
    {
        if (given is null)
        {
            return MaxwellBoltzmann(structure, temperatureK, seed, zeroTotalMomentum);
        }

        if (given.Count != 3 * structure.AtomCount)
        {
            throw new ArgumentException($"Initial velocities must have 3 × {structure.AtomCount} = {3 * structure.AtomCount} values (flat N×3, Å/fs); found {given.Count}.", parameterName);
        }

        var frozen = structure.FrozenMask();
        var v = new double[given.Count];
        for (int k = 0; k < v.Length; k++)
        {
            if (!double.IsFinite(given[k]))
            {
                throw new ArgumentException($"Initial velocities[{k}] (atom {k / 3}, component {"xyz"[k % 3]}) is not finite.", parameterName);
            }

            v[k] = frozen[k] ? 0 : given[k];
        }

        return v;
    }

    /// <summary>Atomic masses (amu, length N).</summary>
    internal static double[] Masses(AtomicStructure structure) => [.. structure.AtomicNumbers.Select(Elements.Mass)];

    internal static double KineticEnergyOf(double[] masses, IReadOnlyList<double> velocities)
    {
        double sum = 0;
        for (int k = 0; k < velocities.Count; k++)
        {
            sum += masses[k / 3] * velocities[k] * velocities[k];
        }

        return 0.5 * sum * Units.AmuAngstromSquaredPerFemtosecondSquared;
    }

    internal static double TemperatureOf(double kineticEnergy, int degreesOfFreedom)
        => degreesOfFreedom > 0 ? 2 * kineticEnergy / (degreesOfFreedom * Units.BoltzmannEvPerKelvin) : 0;

    /// <summary>Subtracts the centre-of-mass velocity along each marked axis (the mass-weighted orthogonal projection).</summary>
    internal static void RemoveTotalMomentum(double[] velocities, double[] masses, bool[] axes)
    {
        double totalMass = masses.Sum();
        for (int axis = 0; axis < 3; axis++)
        {
            if (!axes[axis])
            {
                continue;
            }

            double p = 0;
            for (int a = 0; a < masses.Length; a++)
            {
                p += masses[a] * velocities[3 * a + axis];
            }

            double vcm = p / totalMass;
            for (int a = 0; a < masses.Length; a++)
            {
                velocities[3 * a + axis] -= vcm;
            }
        }
    }

    private static void CheckLength(AtomicStructure structure, IReadOnlyList<double> velocities)
    {
        ArgumentNullException.ThrowIfNull(velocities);
        if (velocities.Count != 3 * structure.AtomCount)
        {
            throw new ArgumentException($"Velocities must have 3 × {structure.AtomCount} = {3 * structure.AtomCount} values (flat N×3, Å/fs); found {velocities.Count}.", nameof(velocities));
        }
    }
}
