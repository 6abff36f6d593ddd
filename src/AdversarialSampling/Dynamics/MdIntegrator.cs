using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Dynamics;

/// <summary>The integrator of one run: velocity Verlet or BAOAB Langevin steps (see <see cref="MolecularDynamics"/>).</summary>
internal sealed class MdIntegrator
{
    private readonly IPotential _potential;
    private readonly MdOptions _options;
    private readonly bool[] _frozen;
    private readonly double[] _masses;
    private readonly double[] _inverseMass; // 1 / (m · C) per component (Å/fs² per eV/Å), 0 when frozen
    private readonly bool[] _momentumAxes;
    private readonly int _degreesOfFreedom;
    private readonly double _dt;
    private readonly bool _langevin;
    private readonly double _decay;
    private readonly double[] _noiseScale; // √(1 − c²) √(k_B T / m) per component (Å/fs)
    private readonly GaussianRandom _noise;

    public MdIntegrator(IPotential potential, AtomicStructure structure, MdOptions options)
    {
        _potential = potential;
        _options = options;
        _frozen = structure.FrozenMask();
        _masses = Velocities.Masses(structure);
        _momentumAxes = Velocities.MomentumAxes(structure, options.ZeroTotalMomentum);
        _degreesOfFreedom = Velocities.DegreesOfFreedom(structure, options.ZeroTotalMomentum);
        _dt = options.TimeStepFs;
        _inverseMass = new double[_frozen.Length];
        for (int k = 0; k < _frozen.Length; k++)
        {
            _inverseMass[k] = _frozen[k] ? 0 : 1 / (_masses[k / 3] * Units.AmuAngstromSquaredPerFemtosecondSquared);
        }

        _langevin = options.Thermostat == ThermostatKind.Langevin;
        _decay = Math.Exp(-options.FrictionPerFs * _dt);
        double kT = Units.KelvinToEv(options.EffectiveTargetTemperatureK);
        double spread = Math.Sqrt(1 - _decay * _decay);
        _noiseScale = [.. _inverseMass.Select(im => spread * Math.Sqrt(kT * im))];
        _noise = new GaussianRandom(unchecked(options.Seed + 1));
    }

    /// <summary>The starting state: the potential on <paramref name="structure"/> with velocities <paramref name="v"/>; null when anything is non-finite.</summary>
    public MdState? Start(AtomicStructure structure, double[] v, CancellationToken cancellationToken)
        => Compute(structure, cancellationToken) is { } result ? State(0, structure, result, v) : null;

    /// <summary>One step from <paramref name="s"/>; null when the new state is not finite.</summary>
    public MdState? Advance(MdState s, int step, CancellationToken cancellationToken)
    {
        var x = s.Structure.Positions.ToArray();
        var v = (double[])s.Velocities.Clone();
        Kick(v, s.Forces);
        if (_langevin)
        {
            Drift(x, v, 0.5 * _dt);
            for (int k = 0; k < v.Length; k++)
            {
                if (!_frozen[k])
                {
                    v[k] = _decay * v[k] + _noiseScale[k] * _noise.Next();
                }
            }

            Velocities.RemoveTotalMomentum(v, _masses, _momentumAxes);
            Drift(x, v, 0.5 * _dt);
        }
        else
        {
            Drift(x, v, _dt);
        }

        if (!x.All(double.IsFinite))
        {
            return null;
        }

        var moved = s.Structure.WithPositions(x);
        if (Compute(moved, cancellationToken) is not { } result)
        {
            return null;
        }

        Kick(v, result.Forces);
        return State(step, moved, result, v);
    }

    // The potential on a structure (null when the result is non-finite).
    private PotentialResult? Compute(AtomicStructure structure, CancellationToken cancellationToken)
    {
        var result = _potential.Compute(structure, cancellationToken);
        if (result.Forces.Length != 3 * structure.AtomCount)
        {
            throw new InvalidOperationException(
                $"{_potential.Name} returned {result.Forces.Length} force components for {structure.AtomCount} atoms; expected {3 * structure.AtomCount} (flat N×3, eV/Å).");
        }

        return result.IsFinite ? result : null;
    }

    private MdState? State(int step, AtomicStructure structure, PotentialResult result, double[] v)
    {
        if (!v.All(double.IsFinite))
        {
            return null;
        }

        double kinetic = Velocities.KineticEnergyOf(_masses, v);
        var frame = new MdFrame(step, step * _dt, result.Energy, kinetic, Velocities.TemperatureOf(kinetic, _degreesOfFreedom));
        return new MdState(step, structure, v, result.Energy, result.Forces, frame);
    }

    private void Kick(double[] v, IReadOnlyList<double> forces)
    {
        for (int k = 0; k < v.Length; k++)
        {
            v[k] += 0.5 * _dt * forces[k] * _inverseMass[k];
        }
    }

    private void Drift(double[] x, double[] v, double dt)
    {
        for (int k = 0; k < x.Length; k++)
        {
            if (!_frozen[k])
            {
                x[k] += dt * v[k];
            }
        }
    }

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{(_langevin ? "Langevin BAOAB" : "velocity Verlet")}, {_dt:G6} fs, {_options.Steps} steps");
}
