using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace AdversarialSampling.Attacks;

/// <summary>
/// The random-displacement baseline with the gradient attack's interface: every seed (× start) is moved once
/// by δ ~ N(0, σ²) (or U(−ε, ε), <see cref="RandomDisplacementOptions.Distribution"/>) per free component, projected with the same bounds (clamp, box, per-atom norm; frozen
/// components never move). A draw that breaks the distance guard, exceeds the energy ceiling or evaluates to a
/// non-finite value is redrawn up to <see cref="RandomDisplacementOptions.MaxTries"/> times; a seed without an
/// acceptable draw is returned unchanged with that reason. Accepted draws exit with
/// <see cref="AttackExitReason.NotIterative"/>. Uncertainty and objective are reported as for the attack.
/// </summary>
public sealed class RandomDisplacement : IAdversarialAttack
{
    private readonly ILogger _logger;

    /// <summary>Creates the baseline.</summary>
    /// <param name="options">Settings.</param>
    /// <param name="logger">Logging; default none.</param>
    /// <exception cref="ArgumentException">Invalid options (every problem listed).</exception>
    public RandomDisplacement(RandomDisplacementOptions options, ILogger<RandomDisplacement>? logger = null)
    {
        Options = AttackRunner.Validated(options, options?.Validate(), "random-displacement");
        _logger = logger ?? NullLogger<RandomDisplacement>.Instance;
    }

    /// <summary>The settings.</summary>
    public RandomDisplacementOptions Options { get; }

    /// <inheritdoc />
    public string Name => "RandomDisplacement";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The committee is not a <see cref="Committees.TorchCommittee"/>, or a seed is empty.</exception>
    public IReadOnlyList<AttackOutcome> Attack(
        ICommittee committee,
        IReadOnlyList<AtomicStructure> seeds,
        AttackContext context,
        CancellationToken cancellationToken = default)
        => Attack(AttackRunner.ModelOf(committee), seeds, context, cancellationToken);

    /// <summary>Displaces every seed, evaluating with any tensor-level committee model.</summary>
    /// <param name="model">The committee model.</param>
    /// <param name="seeds">Seed structures (positions in Å).</param>
    /// <param name="context">Training data (for Z and the energy ceiling) and the random seed.</param>
    /// <param name="cancellationToken">Cancellation, honoured between draws.</param>
    /// <returns>Outcomes ordered by seed index then start.</returns>
    public IReadOnlyList<AttackOutcome> Attack(
        ICommitteeModel model,
        IReadOnlyList<AtomicStructure> seeds,
        AttackContext context,
        CancellationToken cancellationToken = default)
        => AttackRunner.Run(Name, model, seeds, context, Options.Objective, Options.Bounds, Options.Starts, Options.BatchSize, 1, _logger, RunBatch, cancellationToken);

    private IReadOnlyList<AttackOutcome> RunBatch(AttackBatch ab, Random rng, CancellationToken cancellationToken)
    {
        int count = ab.Count;
        var before = ab.EvaluateValues(zeros_like(ab.X0));
        var after = before with { LogObjective = [.. before.LogObjective], Uncertainty = [.. before.Uncertainty], Energy = [.. before.Energy] };
        var pending = Enumerable.Repeat(true, count).ToArray();
        var exit = Enumerable.Repeat(AttackExitReason.NotIterative, count).ToArray();
        var delta = zeros_like(ab.X0);
        for (int attempt = 0; attempt < Options.MaxTries && pending.Any(p => p); attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var draw = Options.Distribution == DisplacementDistribution.Uniform
                ? ab.Uniforms(rng, Options.UniformHalfWidth)
                : ab.Normals(rng, Options.DisplacementStd);
            ab.Project(draw);
            var violations = ab.Guard?.Violations(ab.X0.Plus(draw));
            var values = ab.EvaluateValues(draw);
            var accepted = new bool[count];
            for (int b = 0; b < count; b++)
            {
                if (!pending[b])
                {
                    continue;
                }

                if (violations?[b] == true)
                {
                    exit[b] = AttackExitReason.DistanceGuard;
                }
                else if (!ab.Accept(values, b, out var rejection))
                {
                    exit[b] = rejection;
                }
                else
                {
                    accepted[b] = true;
                    pending[b] = false;
                    exit[b] = AttackExitReason.NotIterative;
                    after.LogObjective[b] = values.LogObjective[b];
                    after.Uncertainty[b] = values.Uncertainty[b];
                    after.Energy[b] = values.Energy[b];
                }
            }

            delta.copy_(where(ab.AtomMask(accepted), draw, delta));
        }

        var flat = AttackBatch.ToArray(delta);
        return [.. Enumerable.Range(0, count).Select(b => new AttackOutcome
        {
            SeedIndex = b,
            Structure = ab.Result(b, flat),
            UncertaintyBefore = before.Uncertainty[b],
            UncertaintyAfter = after.Uncertainty[b],
            LogObjectiveBefore = before.LogObjective[b],
            LogObjectiveAfter = after.LogObjective[b],
            PredictedEnergy = after.Energy[b],
            Steps = pending[b] ? 0 : 1,
            ExitReason = exit[b],
        })];
    }
}
