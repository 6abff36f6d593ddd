using System.Globalization;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace AdversarialSampling.Attacks;

/// <summary>
/// The uniform-sampling baseline with the attack's interface: every seed (× start) is replaced by a point whose
/// free Cartesian components are drawn uniformly in <see cref="UniformBoxSamplerOptions.Box"/> (frozen components
/// keep the seed's values); the seed only fixes the atoms and the constraints. One generator seeded with
/// <see cref="AttackContext.RandomSeed"/> is consumed in (seed, start, atom, axis) order, one draw per free
/// component. Outcomes exit with <see cref="AttackExitReason.NotIterative"/> and report the committee's
/// uncertainty and the log objective at the drawn point. In two dimensions this is a strong baseline; in
/// molecular dimensions it is hopeless (almost every uniform point is unphysical).
/// </summary>
public sealed class UniformBoxSampler : IAdversarialAttack
{
    private readonly ILogger _logger;

    /// <summary>Creates the sampler.</summary>
    /// <param name="options">Settings.</param>
    /// <param name="logger">Logging; default none.</param>
    /// <exception cref="ArgumentException">Invalid options (every problem listed).</exception>
    public UniformBoxSampler(UniformBoxSamplerOptions options, ILogger<UniformBoxSampler>? logger = null)
    {
        Options = AttackRunner.Validated(options, options?.Validate(), "uniform-sampler");
        _logger = logger ?? NullLogger<UniformBoxSampler>.Instance;
    }

    /// <summary>The settings.</summary>
    public UniformBoxSamplerOptions Options { get; }

    /// <inheritdoc />
    public string Name => "UniformBox";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The committee is not a <see cref="Committees.TorchCommittee"/>, a seed is empty, or a seed leaves free an axis the box does not bound.</exception>
    public IReadOnlyList<AttackOutcome> Attack(
        ICommittee committee,
        IReadOnlyList<AtomicStructure> seeds,
        AttackContext context,
        CancellationToken cancellationToken = default)
        => Attack(AttackRunner.ModelOf(committee), seeds, context, cancellationToken);

    /// <summary>Draws the points, evaluating with any tensor-level committee model.</summary>
    /// <param name="model">The committee model.</param>
    /// <param name="seeds">Seed structures (atoms and constraints; positions of frozen components are kept).</param>
    /// <param name="context">Training data (for Z) and the random seed.</param>
    /// <param name="cancellationToken">Cancellation, honoured between batches.</param>
    /// <returns>Outcomes ordered by seed index then start.</returns>
    /// <exception cref="ArgumentException">A seed leaves free an axis the box does not bound.</exception>
    public IReadOnlyList<AttackOutcome> Attack(
        ICommitteeModel model,
        IReadOnlyList<AtomicStructure> seeds,
        AttackContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var box = Options.Box;
        for (int i = 0; i < seeds.Count; i++)
        {
            var frozen = seeds[i]?.FrozenMask() ?? [];
            for (int k = 0; k < frozen.Length; k++)
            {
                if (!frozen[k] && !(double.IsFinite(box.Min(k % 3)) && double.IsFinite(box.Max(k % 3))))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Seed {i} may move along {"xyz"[k % 3]}, but the box bounds that axis by [{box.Min(k % 3)}, {box.Max(k % 3)}] Å; uniform sampling needs finite bounds on every free axis."),
                        nameof(seeds));
                }
            }
        }

        var bounds = new AttackBounds { Box = box };
        return AttackRunner.Run(Name, model, seeds, context, Options.Objective, bounds, Options.Starts, Options.BatchSize, 1, _logger, RunBatch, cancellationToken);
    }

    private IReadOnlyList<AttackOutcome> RunBatch(AttackBatch ab, Random rng, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var box = Options.Box;
        var flat = new double[3 * ab.Batch.AtomCount];
        for (int b = 0; b < ab.Count; b++)
        {
            var seed = ab.Structures[b];
            var frozen = seed.FrozenMask();
            int offset = 3 * ab.Batch.AtomOffsets[b];
            for (int k = 0; k < frozen.Length; k++)
            {
                if (!frozen[k])
                {
                    double lo = box.Min(k % 3), hi = box.Max(k % 3);
                    flat[offset + k] = lo + ((hi - lo) * rng.NextDouble()) - seed.Positions[k];
                }
            }
        }

        var before = ab.EvaluateValues(zeros_like(ab.X0));
        using var scope = NewDisposeScope();
        var delta = tensor(flat, [ab.X0.shape[0], 3], ScalarType.Float64).to_type(ab.X0.dtype);
        var after = ab.EvaluateValues(delta);
        return [.. Enumerable.Range(0, ab.Count).Select(b => new AttackOutcome
        {
            SeedIndex = b,
            Structure = ab.Result(b, flat),
            UncertaintyBefore = before.Uncertainty[b],
            UncertaintyAfter = after.Uncertainty[b],
            LogObjectiveBefore = before.LogObjective[b],
            LogObjectiveAfter = after.LogObjective[b],
            PredictedEnergy = after.Energy[b],
            Steps = 1,
            ExitReason = AttackExitReason.NotIterative,
        })];
    }
}
