using AdversarialSampling.Structures;

namespace AdversarialSampling.Dynamics;

/// <summary>
/// The mutable state of one replica of a <see cref="ReplicaDynamics"/> run: positions (Å), velocities (Å/fs), mean
/// forces (eV/Å) and energy (eV), the last finite state, and what has been recorded so far.
/// </summary>
internal sealed class ReplicaState
{
    public ReplicaState(AtomicStructure structure, double[] velocities, MdOptions options, int noiseSeed)
    {
        Structure = structure;
        X = [.. structure.Positions];
        V = velocities;
        F = new double[X.Length];
        Frozen = structure.FrozenMask();
        Masses = Velocities.Masses(structure);
        MomentumAxes = Velocities.MomentumAxes(structure, options.ZeroTotalMomentum);
        DegreesOfFreedom = Velocities.DegreesOfFreedom(structure, options.ZeroTotalMomentum);
        InverseMass = new double[X.Length];
        for (int k = 0; k < X.Length; k++)
        {
            InverseMass[k] = Frozen[k] ? 0 : 1 / (Masses[k / 3] * Units.AmuAngstromSquaredPerFemtosecondSquared);
        }

        double decay = Math.Exp(-options.FrictionPerFs * options.TimeStepFs);
        double kT = Units.KelvinToEv(options.EffectiveTargetTemperatureK);
        double spread = Math.Sqrt(1 - (decay * decay));
        NoiseScale = [.. InverseMass.Select(im => spread * Math.Sqrt(kT * im))];
        Decay = decay;
        Noise = new GaussianRandom(noiseSeed);
        (PreviousX, PreviousV, PreviousF) = (new double[X.Length], new double[X.Length], new double[X.Length]);
    }

    /// <summary>The starting structure (species, cell, constraints).</summary>
    public AtomicStructure Structure { get; }

    public double[] X { get; }

    public double[] V { get; }

    public double[] F { get; }

    public double Energy { get; set; }

    public double[] PreviousX { get; }

    public double[] PreviousV { get; }

    public double[] PreviousF { get; }

    public double PreviousEnergy { get; set; }

    public bool[] Frozen { get; }

    public double[] Masses { get; }

    public double[] InverseMass { get; }

    public bool[] MomentumAxes { get; }

    public int DegreesOfFreedom { get; }

    public double[] NoiseScale { get; }

    public double Decay { get; }

    public GaussianRandom Noise { get; }

    public bool Active { get; set; } = true;

    public int Step { get; set; }

    public MdExitReason Exit { get; set; } = MdExitReason.Completed;

    public StabilityViolation? Violation { get; set; }

    public int? ViolationStep { get; set; }

    public List<MdFrame> Frames { get; } = [];

    /// <summary>Keeps the current state as the last finite one.</summary>
    public void Save()
    {
        X.CopyTo(PreviousX, 0);
        V.CopyTo(PreviousV, 0);
        F.CopyTo(PreviousF, 0);
        PreviousEnergy = Energy;
    }

    /// <summary>Goes back to the last finite state (after a non-finite step).</summary>
    public void Restore()
    {
        PreviousX.CopyTo(X, 0);
        PreviousV.CopyTo(V, 0);
        PreviousF.CopyTo(F, 0);
        Energy = PreviousEnergy;
    }

    /// <summary>v ← v + ½Δt F/m.</summary>
    public void Kick(double dt)
    {
        for (int k = 0; k < V.Length; k++)
        {
            V[k] += 0.5 * dt * F[k] * InverseMass[k];
        }
    }

    /// <summary>x ← x + Δt v on free components.</summary>
    public void Drift(double dt)
    {
        for (int k = 0; k < X.Length; k++)
        {
            if (!Frozen[k])
            {
                X[k] += dt * V[k];
            }
        }
    }

    /// <summary>The O step of BAOAB: v ← c v + √(1 − c²) √(kT/m) ξ, then the total momentum removed along the momentum axes.</summary>
    public void Thermostat()
    {
        for (int k = 0; k < V.Length; k++)
        {
            if (!Frozen[k])
            {
                V[k] = (Decay * V[k]) + (NoiseScale[k] * Noise.Next());
            }
        }

        Velocities.RemoveTotalMomentum(V, Masses, MomentumAxes);
    }

    /// <summary>The current state as a recorded frame.</summary>
    public MdFrame Frame(double dt)
    {
        double kinetic = Velocities.KineticEnergyOf(Masses, V);
        return new MdFrame(Step, Step * dt, Energy, kinetic, Velocities.TemperatureOf(kinetic, DegreesOfFreedom));
    }

    /// <summary>The current positions as a structure.</summary>
    public AtomicStructure Current() => Structure.WithPositions(X);
}
