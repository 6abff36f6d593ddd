using AdversarialSampling.Structures;

namespace AdversarialSampling.Dynamics;

/// <summary>
/// Molecular dynamics on any <see cref="IPotential"/> (analytic, committee mean, external program): NVE velocity
/// Verlet or Langevin NVT (BAOAB), with frozen atoms and frozen Cartesian components held fixed (zero velocity,
/// never moved), energies recorded, an optional extended XYZ trajectory, an optional stability check and the
/// energy drift of the run. Units: positions Å, time fs, velocities Å/fs, masses amu (<see cref="Elements.Mass"/>),
/// energies eV, forces eV/Å, temperature K. One force evaluation per step.
/// </summary>
/// <remarks>
/// <para>Velocity Verlet: v ← v + ½Δt a; x ← x + Δt v; a ← F(x)/m; v ← v + ½Δt a.</para>
/// <para>
/// Langevin, BAOAB (Leimkuhler and Matthews 2013): v ← v + ½Δt a; x ← x + ½Δt v;
/// v ← c v + √(1 − c²) √(k_B T / m) ξ with c = exp(−γΔt); x ← x + ½Δt v; a ← F(x)/m; v ← v + ½Δt a.
/// Its configurational sampling is exact to O(Δt²) with a small error constant. With
/// <see cref="MdOptions.ZeroTotalMomentum"/> the centre-of-mass velocity along the momentum axes is removed after each
/// O step (for Gaussian noise this is the exact projection onto the zero-momentum subspace, so the kinetic
/// temperature with the reduced degrees of freedom of <see cref="Velocities"/> equals the bath temperature). The noise
/// stream is seeded with <see cref="MdOptions.Seed"/> + 1 (the initial velocities use the seed itself).
/// </para>
/// <para>Cancellation is checked before every step (an <see cref="OperationCanceledException"/> is thrown). A potential
/// that throws ends the run with that exception. A non-finite energy, force, position or velocity ends it with
/// <see cref="MdExitReason.NonFinite"/> and the last finite state.</para>
/// </remarks>
public sealed class MolecularDynamics
{
    /// <summary>Creates an MD driver.</summary>
    /// <param name="options">Options; null for the defaults (see <see cref="MdOptions"/>).</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public MolecularDynamics(MdOptions? options = null)
    {
        Options = options ?? new MdOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public MdOptions Options { get; }

    /// <summary>Runs the dynamics.</summary>
    /// <param name="potential">The potential (energy eV, forces eV/Å).</param>
    /// <param name="structure">The starting structure (positions Å; constraints honoured).</param>
    /// <param name="initialVelocities">Starting velocities (Å/fs, flat N×3), used as given except that frozen
    /// components are set to 0; null (default) draws Maxwell–Boltzmann velocities at
    /// <see cref="MdOptions.InitialTemperatureK"/> (see <see cref="Velocities.MaxwellBoltzmann"/>).</param>
    /// <param name="progress">Optional: receives every recorded frame.</param>
    /// <param name="cancellationToken">Cancellation, checked before every step.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The velocities have the wrong length or a non-finite value.</exception>
    /// <exception cref="InvalidOperationException">The potential returned forces of the wrong length, or the starting structure has a non-finite energy or force.</exception>
    public MdResult Run(
        IPotential potential,
        AtomicStructure structure,
        IReadOnlyList<double>? initialVelocities = null,
        IProgress<MdFrame>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(potential);
        ArgumentNullException.ThrowIfNull(structure);
        var o = Options;
        var integrator = new MdIntegrator(potential, structure, o);
        var state = integrator.Start(structure, Velocities.Starting(structure, initialVelocities, o.InitialTemperatureK, o.Seed, o.ZeroTotalMomentum, nameof(initialVelocities)), cancellationToken)
            ?? throw new InvalidOperationException($"{potential.Name} returned a non-finite energy or force for the starting structure; MD cannot start.");
        var frames = new List<MdFrame>();
        using var trajectory = o.TrajectoryPath is null ? null : new MdTrajectoryWriter(o.TrajectoryPath);
        StabilityViolation? violation = null;
        int? violationStep = null;
        var exit = MdExitReason.Completed;
        for (int step = 0; ; step++)
        {
            if (step > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (integrator.Advance(state, step, cancellationToken) is not { } next)
                {
                    exit = MdExitReason.NonFinite;
                    break;
                }

                state = next;
            }

            if (violation is null && o.Stability is { } checker && step % o.StabilityCheckInterval == 0 && checker.Check(state.Structure) is { } found)
            {
                (violation, violationStep) = (found, step);
                exit = o.StopOnInstability ? MdExitReason.Unstable : exit;
            }

            bool last = step == o.Steps || exit != MdExitReason.Completed;
            if (step % o.SampleInterval == 0 || last)
            {
                frames.Add(state.Frame);
                progress?.Report(state.Frame);
            }

            if (trajectory is not null && (step % o.TrajectoryInterval == 0 || last))
            {
                trajectory.Write(state.Structure, state.Forces, state.Velocities, state.Frame);
            }

            if (last)
            {
                break;
            }
        }

        // After a non-finite step the last finite state may not have been recorded yet.
        if (frames[^1].Step != state.Step)
        {
            frames.Add(state.Frame);
            progress?.Report(state.Frame);
        }

        if (trajectory is not null && trajectory.LastStep != state.Step)
        {
            trajectory.Write(state.Structure, state.Forces, state.Velocities, state.Frame);
        }

        return new MdResult
        {
            Frames = [.. frames],
            StepsDone = state.Step,
            ExitReason = exit,
            FinalStructure = state.Structure,
            FinalVelocities = [.. state.Velocities],
            FinalForces = state.Forces,
            EnergyDrift = LeastSquares.Slope([.. frames.Select(f => f.TimeFs / 1000)], [.. frames.Select(f => f.TotalEnergy)]) / structure.AtomCount,
            MaxEnergyDeviation = frames.Max(f => Math.Abs(f.TotalEnergy - frames[0].TotalEnergy)),
            Violation = violation,
            ViolationStep = violationStep,
            ViolationTimeFs = violationStep * o.TimeStepFs,
            TrajectoryFramesWritten = trajectory?.Written ?? 0,
        };
    }
}
