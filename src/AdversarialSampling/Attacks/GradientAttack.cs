using System.Collections.Immutable;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace AdversarialSampling.Attacks;

/// <summary>
/// The paper's adversarial attack: gradient ascent with Adam on a displacement δ of the atoms, maximising the
/// log objective log u(x₀ + δ) − (Ē(x₀ + δ) − E_ref)/kT − log Z′ (see
/// <see cref="Uncertainty.BoltzmannObjective"/>). All seeds (× starts) of a batch are attacked at once as one
/// graph batch; the loss is −Σ_seeds log objective, and since structures are independent its gradient with
/// respect to each seed's δ is that seed's own. Ascending the logarithm instead of the product u·p changes
/// each seed's gradient by a positive factor only, which Adam's elementwise normalisation largely absorbs.
/// <para>
/// Each step: evaluate the committee at x₀ + δ (forces by autograd with <c>create_graph</c>; the uncertainty's
/// gradient is a double backward), check the state (finite values, energy ceiling; a rejected state is undone
/// and its seed stops at its last accepted geometry), record it, stop seeds that reached the target, take an
/// Adam step (PyTorch's update rule), clamp δ to ±ε, clamp into the box, rescale per-atom displacements, zero
/// every frozen component, and undo the step for seeds whose new geometry breaks the distance guard (they stop
/// with <see cref="AttackExitReason.DistanceGuard"/>; with <see cref="AttackBounds.ProjectOnDistanceGuard"/> the
/// too-close pairs are first pushed apart to their thresholds, and only seeds still too close stop). With
/// <see cref="GradientAttackOptions.SoftModes"/>, the random start, each gradient and each Adam step are first projected
/// onto the seed's softest internal modes (computed once per batch before the first step). Neighbour lists are rebuilt every
/// <see cref="GradientAttackOptions.NeighborRefreshInterval"/> steps. Committee weights are frozen during the
/// attack (a third of the time saved) and restored afterwards. Cancellation is honoured between steps
/// (throws <see cref="OperationCanceledException"/>). Memory stays flat: every step runs in its own dispose scope.
/// </para>
/// </summary>
public sealed class GradientAttack : IAdversarialAttack
{
    private readonly ILogger _logger;

    /// <summary>Creates the attack.</summary>
    /// <param name="options">Settings (see <see cref="GradientAttackOptions.Default"/> and <see cref="GradientAttackOptions.Paper"/>).</param>
    /// <param name="logger">Logging; default none.</param>
    /// <exception cref="ArgumentException">Invalid options (every problem listed).</exception>
    public GradientAttack(GradientAttackOptions options, ILogger<GradientAttack>? logger = null)
    {
        Options = AttackRunner.Validated(options, options?.Validate(), "gradient-attack");
        _logger = logger ?? NullLogger<GradientAttack>.Instance;
    }

    /// <summary>The settings.</summary>
    public GradientAttackOptions Options { get; }

    /// <inheritdoc />
    public string Name => "GradientAttack";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The committee is not a <see cref="Committees.TorchCommittee"/>, or a seed is empty.</exception>
    public IReadOnlyList<AttackOutcome> Attack(
        ICommittee committee,
        IReadOnlyList<AtomicStructure> seeds,
        AttackContext context,
        CancellationToken cancellationToken = default)
        => Attack(AttackRunner.ModelOf(committee), seeds, context, cancellationToken);

    /// <summary>Attacks every seed with any tensor-level committee model (e.g. your own <see cref="ICommitteeModel"/>).</summary>
    /// <param name="model">The committee model.</param>
    /// <param name="seeds">Seed structures (positions in Å).</param>
    /// <param name="context">Training data (for Z and the energy ceiling) and the random seed.</param>
    /// <param name="cancellationToken">Cancellation, honoured between steps.</param>
    /// <returns>Outcomes ordered by seed index then start.</returns>
    public IReadOnlyList<AttackOutcome> Attack(
        ICommitteeModel model,
        IReadOnlyList<AtomicStructure> seeds,
        AttackContext context,
        CancellationToken cancellationToken = default)
    {
        var outcomes = AttackRunner.Run(Name, model, seeds, context, Options.Objective, Options.Bounds, Options.Starts, Options.BatchSize, Options.Steps, _logger, RunBatch, cancellationToken);
        return Options.BestStartPerSeed && Options.Starts > 1 ? BestStartPerSeed(outcomes) : outcomes;
    }

    /// <summary>
    /// For each seed, the outcome with the highest final log objective (ties: the earliest in the list), in seed order —
    /// what <see cref="GradientAttackOptions.BestStartPerSeed"/> returns; usable on any list of outcomes.
    /// </summary>
    /// <param name="outcomes">Outcomes of one attack (several starts per seed).</param>
    /// <returns>One outcome per seed index, ordered by seed index.</returns>
    public static IReadOnlyList<AttackOutcome> BestStartPerSeed(IReadOnlyList<AttackOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return [.. outcomes.GroupBy(o => o.SeedIndex).OrderBy(g => g.Key).Select(g => g.MaxBy(o => o.LogObjectiveAfter)!)];
    }

    private IReadOnlyList<AttackOutcome> RunBatch(AttackBatch ab, Random rng, CancellationToken cancellationToken)
    {
        var o = Options;
        int count = ab.Count;
        bool keepBest = o.Result == AttackResultGeometry.Best;
        var before = ab.EvaluateValues(zeros_like(ab.X0));
        var last = before with { LogObjective = [.. before.LogObjective], Uncertainty = [.. before.Uncertainty], Energy = [.. before.Energy] };
        var best = before with { LogObjective = [.. before.LogObjective], Uncertainty = [.. before.Uncertainty], Energy = [.. before.Energy] };
        var active = Enumerable.Repeat(true, count).ToArray();
        var exit = new AttackExitReason[count];
        var steps = new int[count];
        var traces = o.RecordTrace ? Enumerable.Range(0, count).Select(_ => ImmutableArray.CreateBuilder<AttackTraceStep>()).ToArray() : null;

        var softModes = o.SoftModes is int modes ? SoftModeSubspace.Compute(ab, modes) : null;
        var delta = ab.Normals(rng, o.DeltaStd);
        softModes?.Project(delta);
        ab.Project(delta);
        var previous = zeros_like(delta);
        if (ab.Guard?.Violations(ab.X0.Plus(delta)) is { } startViolations && startViolations.Any(v => v))
        {
            delta.copy_(where(ab.AtomMask(startViolations), previous, delta));
        }

        var bestDelta = zeros_like(delta);
        var m = zeros_like(delta);
        var v = zeros_like(delta);
        var activeAtoms = ab.AtomMask(active);
        var immovable = ab.Frozen.clone();
        bool allActive = true;
        for (int step = 0; ; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            bool final = step == o.Steps;
            var leaf = final ? delta : delta.detach().requires_grad_(true);
            var logObjective = ab.Evaluate(leaf, !final, out var u, out var e);
            var values = ab.Read(logObjective, u, e);
            var revert = new bool[count];
            var improved = new bool[count];
            bool changed = false, anyRevert = false, anyImproved = false;
            for (int b = 0; b < count; b++)
            {
                if (!active[b])
                {
                    continue;
                }

                if (!ab.Accept(values, b, out var rejection))
                {
                    active[b] = false;
                    exit[b] = rejection;
                    revert[b] = anyRevert = changed = true;
                    continue;
                }

                steps[b] = step;
                Record(last, values, b);
                traces?[b].Add(new AttackTraceStep(step, values.LogObjective[b], values.Uncertainty[b], values.Energy[b]));
                if (keepBest && values.LogObjective[b] > best.LogObjective[b])
                {
                    Record(best, values, b);
                    improved[b] = anyImproved = true;
                }

                if (o.TargetUncertainty is double target && values.Uncertainty[b] >= target)
                {
                    active[b] = false;
                    exit[b] = AttackExitReason.TargetReached;
                    changed = true;
                }
            }

            using (no_grad())
            {
                if (anyRevert)
                {
                    delta.copy_(where(ab.AtomMask(revert), previous, delta));
                }

                if (anyImproved)
                {
                    bestDelta.copy_(where(ab.AtomMask(improved), delta, bestDelta));
                }

                if (changed)
                {
                    allActive = false;
                    activeAtoms.copy_(ab.AtomMask(active));
                    immovable.copy_(ab.Frozen.logical_or(activeAtoms.logical_not()));
                }
            }

            if (final || !active.Any(a => a))
            {
                break;
            }

            // Inactive seeds are masked out of the loss; their gradient rows (possibly NaN) are zeroed below.
            var loss = (allActive ? logObjective : logObjective.masked_fill(tensor(active).logical_not(), TorchScalars.Zero)).sum().neg();
            var gradient = autograd.grad([loss], [leaf])[0];
            using (no_grad())
            {
                previous.copy_(delta);
                gradient.masked_fill_(immovable, TorchScalars.Zero);
                softModes?.Project(gradient);
                AdamStep(delta, m, v, gradient, step + 1);
                if (softModes is not null)
                {
                    // Adam rescales each component, which leaves the subspace: project the step itself too.
                    var increment = delta - previous;
                    softModes.Project(increment);
                    delta.copy_(previous.Plus(increment));
                }

                ab.Project(delta);
                if (!allActive)
                {
                    delta.copy_(where(activeAtoms, delta, previous));
                }

                if (ab.Guard is { } guard && o.Bounds.ProjectOnDistanceGuard)
                {
                    var x = ab.X0.Plus(delta);
                    guard.Push(x, immovable.all(1, keepdim: true).logical_not().to_type(x.dtype));
                    delta.copy_(x - ab.X0);
                    ab.Project(delta);
                    if (!allActive)
                    {
                        delta.copy_(where(activeAtoms, delta, previous));
                    }
                }

                if (ab.Guard?.Violations(ab.X0.Plus(delta)) is { } violations)
                {
                    var stopped = new bool[count];
                    bool anyStopped = false;
                    for (int b = 0; b < count; b++)
                    {
                        if (active[b] && violations[b])
                        {
                            active[b] = false;
                            exit[b] = AttackExitReason.DistanceGuard;
                            stopped[b] = anyStopped = true;
                        }
                    }

                    if (anyStopped)
                    {
                        allActive = false;
                        delta.copy_(where(ab.AtomMask(stopped), previous, delta));
                        activeAtoms.copy_(ab.AtomMask(active));
                        immovable.copy_(ab.Frozen.logical_or(activeAtoms.logical_not()));
                    }
                }

                if ((step + 1) % o.NeighborRefreshInterval == 0)
                {
                    ab.Batch.Positions.copy_(ab.X0.Plus(delta));
                    ab.Batch.RefreshNeighbors();
                }
            }
        }

        var chosen = keepBest ? best : last;
        var flat = AttackBatch.ToArray(keepBest ? bestDelta : delta);
        var outcomes = new AttackOutcome[count];
        for (int b = 0; b < count; b++)
        {
            outcomes[b] = new AttackOutcome
            {
                SeedIndex = b,
                Structure = ab.Result(b, flat),
                UncertaintyBefore = before.Uncertainty[b],
                UncertaintyAfter = chosen.Uncertainty[b],
                LogObjectiveBefore = before.LogObjective[b],
                LogObjectiveAfter = chosen.LogObjective[b],
                PredictedEnergy = chosen.Energy[b],
                Steps = steps[b],
                ExitReason = exit[b],
                Trace = traces?[b].ToImmutable() ?? [],
            };
        }

        return outcomes;
    }

    private static void Record(ObjectiveValues target, ObjectiveValues source, int b)
    {
        target.LogObjective[b] = source.LogObjective[b];
        target.Uncertainty[b] = source.Uncertainty[b];
        target.Energy[b] = source.Energy[b];
    }

    /// <summary>One Adam step in place, exactly PyTorch's rule (bias-corrected, ε outside the square root).</summary>
    private void AdamStep(Tensor delta, Tensor m, Tensor v, Tensor g, int t)
    {
        var o = Options;
        double correction1 = 1 - Math.Pow(o.Beta1, t);
        double correction2 = 1 - Math.Pow(o.Beta2, t);
        using var beta1 = TorchScalars.Of(o.Beta1);
        using var gradientWeight = TorchScalars.Of(1 - o.Beta1);
        using var beta2 = TorchScalars.Of(o.Beta2);
        using var squareWeight = TorchScalars.Of(1 - o.Beta2);
        using var root2 = TorchScalars.Of(Math.Sqrt(correction2));
        using var epsilon = TorchScalars.Of(o.AdamEpsilon);
        using var step = TorchScalars.Of(-o.LearningRate / correction1);
        m.mul_(beta1).add_(g, alpha: gradientWeight);
        v.mul_(beta2).addcmul_(g, g, value: squareWeight);
        var denominator = v.sqrt().div_(root2).add_(epsilon, TorchScalars.IntOne);
        delta.addcdiv_(m, denominator, value: step);
    }
}
