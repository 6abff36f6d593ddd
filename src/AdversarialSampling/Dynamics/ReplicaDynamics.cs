using AdversarialSampling.Attacks;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Dynamics;

/// <summary>
/// Molecular dynamics of many independent replicas on a committee's mean surface (energy Ē = mean of the members,
/// forces −∂Ē/∂x), all replicas advanced together and evaluated as one graph batch per step: much faster than
/// <see cref="MolecularDynamics"/> on a neural committee, whose cost per call hardly grows with the batch. The
/// integrators, options, constraints, stability check, degrees of freedom and results are those of
/// <see cref="MolecularDynamics"/> (see its remarks); a replica that stops (unstable, non-finite) leaves the batch.
/// </summary>
/// <remarks>
/// <para>Randomness: replica r draws its Maxwell–Boltzmann velocities with seed <see cref="MdOptions.Seed"/> + 2r and
/// its Langevin noise with seed <see cref="MdOptions.Seed"/> + 2r + 1, so replica r follows the trajectory of
/// <see cref="MolecularDynamics"/> with <see cref="MdOptions.Seed"/> + 2r on the same committee (up to the rounding of
/// batched evaluation).</para>
/// <para>No trajectory file (<see cref="MdOptions.TrajectoryPath"/> must be null). The committee's weights are frozen
/// during the run and restored afterwards. Cancellation is checked before every step (throws).</para>
/// </remarks>
public sealed class ReplicaDynamics
{
    /// <summary>Creates the driver.</summary>
    /// <param name="options">MD options; null for the defaults. <see cref="MdOptions.TrajectoryPath"/> must be null.</param>
    /// <param name="neighborRefreshInterval">Steps between rebuilds of the neighbour lists of cutoff models (≥ 1); default 1
    /// (every step, exact). Larger values are exact as long as no pair crosses the model's cutoff in between (e.g. a
    /// small molecule well inside the cutoff).</param>
    /// <exception cref="ArgumentException">An option is invalid, or a trajectory file is asked for.</exception>
    public ReplicaDynamics(MdOptions? options = null, int neighborRefreshInterval = 1)
    {
        Options = options ?? new MdOptions();
        Options.Validate();
        if (Options.TrajectoryPath is not null)
        {
            throw new ArgumentException("ReplicaDynamics writes no trajectory file; set MdOptions.TrajectoryPath to null (use MolecularDynamics for a trajectory).", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(neighborRefreshInterval, 1);
        NeighborRefreshInterval = neighborRefreshInterval;
    }

    /// <summary>The options.</summary>
    public MdOptions Options { get; }

    /// <summary>Steps between neighbour-list rebuilds.</summary>
    public int NeighborRefreshInterval { get; }

    /// <summary>Runs every replica on a committee's mean surface.</summary>
    /// <param name="committee">A differentiable committee (<see cref="Committees.TorchCommittee"/>).</param>
    /// <param name="replicas">Starting structures (Å; constraints honoured), any sizes.</param>
    /// <param name="initialVelocities">Starting velocities per replica (Å/fs, flat N×3; frozen components set to 0), or null
    /// for Maxwell–Boltzmann velocities at <see cref="MdOptions.InitialTemperatureK"/>.</param>
    /// <param name="cancellationToken">Cancellation, checked before every step.</param>
    /// <returns>One result per replica, in input order.</returns>
    /// <exception cref="ArgumentException">The committee is not differentiable, a list is empty or has the wrong length, or a velocity is not finite.</exception>
    /// <exception cref="InvalidOperationException">A starting structure has a non-finite energy or force.</exception>
    public IReadOnlyList<MdResult> Run(ICommittee committee, IReadOnlyList<AtomicStructure> replicas, IReadOnlyList<IReadOnlyList<double>>? initialVelocities = null, CancellationToken cancellationToken = default)
        => Run(AttackRunner.ModelOf(committee), replicas, initialVelocities, cancellationToken);

    /// <summary>Runs every replica on the mean surface of a tensor-level committee model.</summary>
    /// <param name="model">The committee model.</param>
    /// <param name="replicas">Starting structures (Å; constraints honoured), any sizes.</param>
    /// <param name="initialVelocities">Starting velocities per replica (Å/fs, flat N×3), or null for Maxwell–Boltzmann velocities.</param>
    /// <param name="cancellationToken">Cancellation, checked before every step.</param>
    /// <returns>One result per replica, in input order.</returns>
    /// <exception cref="ArgumentException">A list is empty or has the wrong length, or a velocity is not finite.</exception>
    /// <exception cref="InvalidOperationException">A starting structure has a non-finite energy or force.</exception>
    public IReadOnlyList<MdResult> Run(ICommitteeModel model, IReadOnlyList<AtomicStructure> replicas, IReadOnlyList<IReadOnlyList<double>>? initialVelocities = null, CancellationToken cancellationToken = default)
        => Run(model, replicas, initialVelocities, 0, null, null, cancellationToken);

    /// <summary>The run, with the seeds of replica r taken as those of replica <paramref name="seedOffset"/> + r, and an
    /// observer that sees every sampled step (every <see cref="MdOptions.SampleInterval"/>-th step from step 1, stable
    /// states only) with the uncertainty under <paramref name="metric"/> and may stop the replica by returning true.</summary>
    internal IReadOnlyList<MdResult> Run(
        ICommitteeModel model,
        IReadOnlyList<AtomicStructure> replicas,
        IReadOnlyList<IReadOnlyList<double>>? initialVelocities,
        int seedOffset,
        IDifferentiableUncertaintyMetric? metric,
        Func<ReplicaSample, bool>? observer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(replicas);
        if (replicas.Count == 0)
        {
            return [];
        }

        if (initialVelocities is not null && initialVelocities.Count != replicas.Count)
        {
            throw new ArgumentException($"Initial velocities were given for {initialVelocities.Count} replicas; expected {replicas.Count}.", nameof(initialVelocities));
        }

        var o = Options;
        var states = new ReplicaState[replicas.Count];
        for (int r = 0; r < states.Length; r++)
        {
            var structure = replicas[r] ?? throw new ArgumentException($"Replica {r} is null.", nameof(replicas));
            if (structure.AtomCount == 0)
            {
                throw new ArgumentException($"Replica {r} has no atoms.", nameof(replicas));
            }

            int seed = unchecked(o.Seed + (2 * (seedOffset + r)));
            var v = Velocities.Starting(structure, initialVelocities?[r], o.InitialTemperatureK, seed, o.ZeroTotalMomentum, nameof(initialVelocities));
            states[r] = new ReplicaState(structure, v, o, unchecked(seed + 1));
        }

        bool wasTrainable = model.Parameters().Any(p => p.requires_grad);
        model.SetTrainable(false);
        try
        {
            using var evaluator = new ReplicaEvaluator(model, NeighborRefreshInterval);
            Integrate(evaluator, states, metric, observer, cancellationToken);
        }
        finally
        {
            if (wasTrainable)
            {
                model.SetTrainable(true);
            }
        }

        return [.. states.Select(Result)];
    }

    private void Integrate(ReplicaEvaluator evaluator, ReplicaState[] states, IDifferentiableUncertaintyMetric? metric, Func<ReplicaSample, bool>? observer, CancellationToken cancellationToken)
    {
        var o = Options;
        double dt = o.TimeStepFs;
        bool langevin = o.Thermostat == ThermostatKind.Langevin;
        for (int step = 0; step <= o.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var active = new List<ReplicaState>(states.Length);
            foreach (var s in states.Where(s => s.Active))
            {
                if (step > 0)
                {
                    s.Save();
                    s.Kick(dt);
                    if (langevin)
                    {
                        s.Drift(0.5 * dt);
                        s.Thermostat();
                        s.Drift(0.5 * dt);
                    }
                    else
                    {
                        s.Drift(dt);
                    }

                    if (!s.X.All(double.IsFinite))
                    {
                        Stop(s, MdExitReason.NonFinite, dt, restore: true);
                        continue;
                    }
                }

                active.Add(s);
            }

            if (active.Count == 0)
            {
                break;
            }

            bool sampled = step > 0 && step % o.SampleInterval == 0 && observer is not null;
            var (energies, forces, uncertainty) = evaluator.Evaluate(active, sampled ? metric : null);
            int offset = 0;
            for (int i = 0; i < active.Count; i++)
            {
                var s = active[i];
                int n = s.F.Length;
                bool finite = double.IsFinite(energies[i]);
                for (int k = 0; k < n && finite; k++)
                {
                    finite = double.IsFinite(forces[offset + k]);
                }

                if (!finite)
                {
                    if (step == 0)
                    {
                        throw new InvalidOperationException($"The committee returned a non-finite energy or force for the starting structure of replica {Array.IndexOf(states, s)}; MD cannot start.");
                    }

                    Stop(s, MdExitReason.NonFinite, dt, restore: true);
                    offset += n;
                    continue;
                }

                Array.Copy(forces, offset, s.F, 0, n);
                offset += n;
                s.Energy = energies[i];
                if (step > 0)
                {
                    s.Kick(dt);
                    if (!s.V.All(double.IsFinite))
                    {
                        Stop(s, MdExitReason.NonFinite, dt, restore: true);
                        continue;
                    }
                }

                s.Step = step;
                if (s.Violation is null && o.Stability is { } checker && step % o.StabilityCheckInterval == 0 && checker.Check(s.Current()) is { } found)
                {
                    (s.Violation, s.ViolationStep) = (found, step);
                    if (o.StopOnInstability)
                    {
                        Stop(s, MdExitReason.Unstable, dt, restore: false);
                        continue;
                    }
                }

                if (step % o.SampleInterval == 0 || step == o.Steps)
                {
                    s.Frames.Add(s.Frame(dt));
                }

                if (sampled && s.Violation is null && observer!(new ReplicaSample(Array.IndexOf(states, s), step, s.Energy, uncertainty?[i] ?? double.NaN, s.X)))
                {
                    Stop(s, MdExitReason.Stopped, dt, restore: false);
                }
            }
        }
    }

    private static void Stop(ReplicaState s, MdExitReason reason, double dt, bool restore)
    {
        if (restore)
        {
            s.Restore();
        }

        s.Exit = reason;
        s.Active = false;
        if (s.Frames.Count == 0 || s.Frames[^1].Step != s.Step)
        {
            s.Frames.Add(s.Frame(dt));
        }
    }

    private MdResult Result(ReplicaState s)
    {
        var frames = s.Frames;
        return new MdResult
        {
            Frames = [.. frames],
            StepsDone = s.Step,
            ExitReason = s.Exit,
            FinalStructure = s.Current(),
            FinalVelocities = [.. s.V],
            FinalForces = [.. s.F],
            EnergyDrift = LeastSquares.Slope([.. frames.Select(f => f.TimeFs / 1000)], [.. frames.Select(f => f.TotalEnergy)]) / s.Structure.AtomCount,
            MaxEnergyDeviation = frames.Max(f => Math.Abs(f.TotalEnergy - frames[0].TotalEnergy)),
            Violation = s.Violation,
            ViolationStep = s.ViolationStep,
            ViolationTimeFs = s.ViolationStep * Options.TimeStepFs,
        };
    }
}
