using AdversarialSampling.Structures;

namespace AdversarialSampling.Optimization;

/// <summary>
/// Base of the local optimisers (<see cref="FireOptimizer"/>, <see cref="LbfgsOptimizer"/>): minimises the energy
/// of a structure on any <see cref="IPotential"/>. Frozen atoms and frozen Cartesian components
/// (<see cref="AtomicStructure.FrozenMask"/>) never move and do not count towards convergence. Converged when the
/// largest per-atom force norm is at most <see cref="OptimizerOptions.ForceTolerance"/> (eV/Å). Cancellation is
/// checked before every evaluation. Instances hold only options and may be shared.
/// </summary>
public abstract class StructureOptimizer
{
    private protected StructureOptimizer(OptimizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        BaseOptions = options;
    }

    /// <summary>A short name ("FIRE", "L-BFGS").</summary>
    public abstract string Name { get; }

    /// <summary>The convergence, step-count and step-size options.</summary>
    public OptimizerOptions BaseOptions { get; }

    /// <summary>Minimises the energy of <paramref name="structure"/>.</summary>
    /// <param name="potential">The potential (energy eV, forces eV/Å).</param>
    /// <param name="structure">The starting structure (positions Å; its constraints are honoured).</param>
    /// <param name="progress">Optional: receives every evaluated step.</param>
    /// <param name="cancellationToken">Cancellation (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The result; when a later point is non-finite, the last finite point with exit reason <see cref="OptimizationExitReason.NonFinite"/>.</returns>
    /// <exception cref="InvalidOperationException">The starting point has a non-finite energy or force, or the potential returned forces of the wrong length.</exception>
    public OptimizationResult Minimize(
        IPotential potential,
        AtomicStructure structure,
        IProgress<OptimizationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(potential);
        ArgumentNullException.ThrowIfNull(structure);
        var frozen = structure.FrozenMask();
        var rule = CreateStepRule();
        var current = structure;
        OptimizationResult? best = null;
        for (int step = 0; ; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = potential.Compute(current, cancellationToken);
            if (result.Forces.Length != 3 * current.AtomCount)
            {
                throw new InvalidOperationException(
                    $"{potential.Name} returned {result.Forces.Length} force components for {current.AtomCount} atoms; expected {3 * current.AtomCount} (flat N×3, eV/Å).");
            }

            if (!result.IsFinite)
            {
                return best is null
                    ? throw new InvalidOperationException($"{potential.Name} returned a non-finite energy or force for the starting structure; it cannot be optimised.")
                    : best with { ExitReason = OptimizationExitReason.NonFinite, Evaluations = step + 1 };
            }

            var forces = VectorMath.Masked(result.Forces, frozen);
            double fmax = VectorMath.MaxAtomNorm(forces);
            progress?.Report(new OptimizationProgress(step, result.Energy, fmax));
            var exit = fmax <= BaseOptions.ForceTolerance ? OptimizationExitReason.Converged
                : step >= BaseOptions.MaxSteps ? OptimizationExitReason.MaxSteps
                : (OptimizationExitReason?)null;
            best = new OptimizationResult
            {
                Structure = current,
                Energy = result.Energy,
                Forces = [.. forces],
                MaxForce = fmax,
                Steps = step,
                Evaluations = step + 1,
                ExitReason = exit ?? OptimizationExitReason.MaxSteps,
            };
            if (exit is not null)
            {
                return best;
            }

            var x = current.Positions.ToArray();
            var dr = rule.Step(x, forces);
            for (int k = 0; k < x.Length; k++)
            {
                x[k] += frozen[k] ? 0 : dr[k];
            }

            if (!x.All(double.IsFinite))
            {
                return best with { ExitReason = OptimizationExitReason.NonFinite };
            }

            current = current.WithPositions(x);
        }
    }

    /// <summary>
    /// Minimises with extra frozen components on top of the structure's own constraints (e.g. z of every atom, to
    /// keep a planar transition state planar); the returned structure carries the original constraints again.
    /// </summary>
    /// <param name="potential">The potential.</param>
    /// <param name="structure">The starting structure.</param>
    /// <param name="extra">Constraints added for this optimisation only.</param>
    /// <param name="progress">Optional progress.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result, its structure with the constraints of <paramref name="structure"/>.</returns>
    public OptimizationResult MinimizeConstrained(
        IPotential potential,
        AtomicStructure structure,
        StructureConstraints extra,
        IProgress<OptimizationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(extra);
        var own = structure.Constraints;
        var merged = new StructureConstraints(own.FixedAtoms.Concat(extra.FixedAtoms), own.FixedCartesian.Concat(extra.FixedCartesian));
        var result = Minimize(potential, structure.WithConstraints(merged), progress, cancellationToken);
        return result with { Structure = result.Structure.WithConstraints(own) };
    }

    /// <summary>A fresh update rule for one optimisation.</summary>
    private protected abstract IStepRule CreateStepRule();
}
