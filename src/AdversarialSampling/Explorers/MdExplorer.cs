using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using AdversarialSampling.Attacks;
using AdversarialSampling.Dynamics;
using AdversarialSampling.Models;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace AdversarialSampling.Explorers;

/// <summary>
/// MD-based active learning, the baseline the paper compares adversarial sampling with: committee MD (on the member-mean
/// surface) from every seed, frames sampled every <see cref="MdExplorerOptions.SampleInterval"/> steps, and every frame
/// whose committee uncertainty is above the threshold returned as a candidate. An <see cref="IAdversarialAttack"/>, so it
/// is added to the loop like the gradient attack: <c>builder.AddExplorer(new MdExplorer(options), share)</c>.
/// </summary>
/// <remarks>
/// <para>All trajectories (seeds × <see cref="MdExplorerOptions.Replicas"/>) run together through
/// <see cref="ReplicaDynamics"/>, evaluated as one graph batch per step (in chunks of
/// <see cref="MdExplorerOptions.BatchSize"/>); the members' forces and the uncertainty are computed only at sampled steps.
/// Trajectory j (in seed, replica order) uses the velocity seed <see cref="AttackContext.RandomSeed"/> + 2j and the noise
/// seed <see cref="AttackContext.RandomSeed"/> + 2j + 1, so results do not depend on the batch size and the same inputs and
/// seed give the same candidates. Frozen atoms and components never move.</para>
/// <para>A trajectory that breaks <see cref="MdExplorerOptions.Stability"/> (it "exploded") or becomes non-finite stops;
/// frames it collected before are kept, the broken frame never is, and the event is logged and recorded in
/// <see cref="MdExploration.Trajectories"/> and in each of its candidates' <see cref="AttackOutcome.ExitReason"/>.</para>
/// <para>Candidate fields: <c>SeedIndex</c>, <c>Start</c> = replica, <c>Steps</c> = MD step of the frame,
/// <c>UncertaintyBefore</c> = the seed's uncertainty, <c>UncertaintyAfter</c> = the frame's, <c>LogObjective*</c> = ln u (no
/// Boltzmann factor: the MD temperature plays its role), <c>PredictedEnergy</c> = committee-mean energy (eV),
/// <c>ExitReason</c> = how the trajectory ended: <see cref="AttackExitReason.MaxSteps"/> (completed),
/// <see cref="AttackExitReason.DistanceGuard"/> (exploded), <see cref="AttackExitReason.NonFinite"/>, or
/// <see cref="AttackExitReason.TargetReached"/> (stopped after <see cref="MdExplorerOptions.StopAfterFrames"/>).</para>
/// <para>The committee's weights are frozen during the run and restored afterwards. Cancellation is checked before every
/// MD step (throws <see cref="OperationCanceledException"/>).</para>
/// </remarks>
public sealed class MdExplorer : IAdversarialAttack
{
    private readonly ILogger _logger;

    /// <summary>Creates the explorer.</summary>
    /// <param name="options">Settings; null for the defaults (see <see cref="MdExplorerOptions"/>).</param>
    /// <param name="logger">Logging; default none.</param>
    /// <exception cref="ArgumentException">Invalid options (every problem listed).</exception>
    public MdExplorer(MdExplorerOptions? options = null, ILogger<MdExplorer>? logger = null)
    {
        options ??= new MdExplorerOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid MD-explorer settings: " + string.Join(" ", problems), nameof(options));
        }

        Options = options;
        _logger = logger ?? NullLogger<MdExplorer>.Instance;
    }

    /// <summary>The settings.</summary>
    public MdExplorerOptions Options { get; }

    /// <inheritdoc />
    public string Name => "MdExplorer";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The committee is not a <see cref="Committees.TorchCommittee"/>, a seed is empty, or no threshold can be set (no explicit one and no training data).</exception>
    public IReadOnlyList<AttackOutcome> Attack(ICommittee committee, IReadOnlyList<AtomicStructure> seeds, AttackContext context, CancellationToken cancellationToken = default)
        => Explore(committee, seeds, context, cancellationToken).Candidates;

    /// <summary>Runs the MD from every seed and collects the uncertain frames (see the class remarks).</summary>
    /// <param name="committee">A differentiable committee (<see cref="Committees.TorchCommittee"/>).</param>
    /// <param name="seeds">Seed structures (Å).</param>
    /// <param name="context">Training data (for the percentile threshold) and the random seed.</param>
    /// <param name="cancellationToken">Cancellation, checked before every MD step.</param>
    /// <returns>Candidates, trajectories and the threshold.</returns>
    /// <exception cref="ArgumentException">The committee is not differentiable, a seed is empty, or no threshold can be set.</exception>
    public MdExploration Explore(ICommittee committee, IReadOnlyList<AtomicStructure> seeds, AttackContext context, CancellationToken cancellationToken = default)
        => Explore(AttackRunner.ModelOf(committee), seeds, context, cancellationToken);

    /// <summary>Runs the MD from every seed on a tensor-level committee model and collects the uncertain frames.</summary>
    /// <param name="model">The committee model.</param>
    /// <param name="seeds">Seed structures (Å).</param>
    /// <param name="context">Training data (for the percentile threshold) and the random seed.</param>
    /// <param name="cancellationToken">Cancellation, checked before every MD step.</param>
    /// <returns>Candidates, trajectories and the threshold.</returns>
    /// <exception cref="ArgumentException">A seed is empty, or no threshold can be set (no explicit one and no training data).</exception>
    public MdExploration Explore(ICommitteeModel model, IReadOnlyList<AtomicStructure> seeds, AttackContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(context);
        for (int i = 0; i < seeds.Count; i++)
        {
            if (seeds[i] is null || seeds[i].AtomCount == 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Seed {i} is null or has no atoms."), nameof(seeds));
            }
        }

        var o = Options;
        var threshold = Threshold(model, context, cancellationToken);
        if (seeds.Count == 0)
        {
            return new MdExploration { Candidates = [], Trajectories = [], Threshold = threshold };
        }

        var seedUncertainty = Uncertainties(model, seeds, o.Metric, o.BatchSize, cancellationToken);
        var jobs = Enumerable.Range(0, seeds.Count).SelectMany(s => Enumerable.Range(0, o.Replicas).Select(r => (Seed: s, Replica: r))).ToArray();
        if (_logger.IsEnabled(LogLevel.Information))
        {
            string thermostat = o.Thermostat.ToString(), described = threshold.ToString();
            MdExplorerLog.Started(_logger, jobs.Length, seeds.Count, o.Replicas, o.Steps, o.TimeStepFs, o.TemperatureK, thermostat, described);
        }

        var clock = Stopwatch.StartNew();
        var dynamics = new ReplicaDynamics(o.ToMdOptions(context.RandomSeed), o.NeighborRefreshInterval);
        var collected = jobs.Select(_ => new List<(int Step, double[] Positions, double Energy, double Uncertainty)>()).ToArray();
        var sampled = new int[jobs.Length];
        var maxU = Enumerable.Repeat(double.NaN, jobs.Length).ToArray();
        var results = new MdResult[jobs.Length];
        for (int first = 0; first < jobs.Length; first += o.BatchSize)
        {
            int count = Math.Min(o.BatchSize, jobs.Length - first);
            int offset = first;
            bool Observe(ReplicaSample sample)
            {
                int j = offset + sample.Replica;
                sampled[j]++;
                maxU[j] = double.IsNaN(maxU[j]) ? sample.Uncertainty : Math.Max(maxU[j], sample.Uncertainty);
                if (sample.Uncertainty > threshold.Value)
                {
                    collected[j].Add((sample.Step, (double[])sample.Positions.Clone(), sample.Energy, sample.Uncertainty));
                }

                return o.StopAfterFrames is int stop && collected[j].Count >= stop;
            }

            var chunk = dynamics.Run(model, [.. jobs[first..(first + count)].Select(j => seeds[j.Seed])], null, first, o.Metric, Observe, cancellationToken);
            for (int b = 0; b < count; b++)
            {
                results[first + b] = chunk[b];
            }
        }

        var trajectories = ImmutableArray.CreateBuilder<MdExplorerTrajectory>(jobs.Length);
        var candidates = ImmutableArray.CreateBuilder<AttackOutcome>();
        for (int j = 0; j < jobs.Length; j++)
        {
            var (s, r) = jobs[j];
            var result = results[j];
            var trajectory = new MdExplorerTrajectory(s, r, result.ExitReason, result.StepsDone, result.Violation, sampled[j], collected[j].Count, maxU[j], result.EnergyDrift);
            trajectories.Add(trajectory);
            if (trajectory.Exploded && _logger.IsEnabled(LogLevel.Warning))
            {
                string described = trajectory.ToString();
                MdExplorerLog.Exploded(_logger, described);
            }

            var exit = result.ExitReason switch
            {
                MdExitReason.Unstable => AttackExitReason.DistanceGuard,
                MdExitReason.NonFinite => AttackExitReason.NonFinite,
                MdExitReason.Stopped => AttackExitReason.TargetReached,
                _ => AttackExitReason.MaxSteps,
            };
            foreach (var frame in collected[j])
            {
                candidates.Add(new AttackOutcome
                {
                    SeedIndex = s,
                    Start = r,
                    Structure = seeds[s].WithPositions(frame.Positions),
                    UncertaintyBefore = seedUncertainty[s],
                    UncertaintyAfter = frame.Uncertainty,
                    LogObjectiveBefore = Math.Log(seedUncertainty[s]),
                    LogObjectiveAfter = Math.Log(frame.Uncertainty),
                    PredictedEnergy = frame.Energy,
                    Steps = frame.Step,
                    ExitReason = exit,
                });
            }
        }

        var exploration = new MdExploration { Candidates = candidates.ToImmutable(), Trajectories = trajectories.MoveToImmutable(), Threshold = threshold };
        if (_logger.IsEnabled(LogLevel.Information))
        {
            MdExplorerLog.Finished(_logger, exploration.Candidates.Length, clock.Elapsed, exploration.Exploded, jobs.Length);
        }

        return exploration;
    }

    /// <summary>The uncertainty of every structure under a committee model (metric unit), in batches.</summary>
    /// <param name="model">The committee model.</param>
    /// <param name="structures">The structures.</param>
    /// <param name="metric">The metric.</param>
    /// <param name="batchSize">Structures per graph batch.</param>
    /// <param name="cancellationToken">Cancellation, checked between batches.</param>
    /// <returns>One value per structure.</returns>
    internal static double[] Uncertainties(ICommitteeModel model, IReadOnlyList<AtomicStructure> structures, IDifferentiableUncertaintyMetric metric, int batchSize, CancellationToken cancellationToken)
    {
        var values = new double[structures.Count];
        bool wasTrainable = model.Parameters().Any(p => p.requires_grad);
        model.SetTrainable(false);
        try
        {
            for (int first = 0; first < structures.Count; first += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var chunk = structures.Skip(first).Take(batchSize).ToList();
                using var batch = AtomBatch.FromStructures(chunk, model.DType);
                var output = CommitteeEvaluator.Evaluate(model, batch);
                var u = metric.Evaluate(output.Energies.detach(), output.Forces.detach(), batch.StructureIndex, chunk.Count);
                u.to_type(ScalarType.Float64).data<double>().ToArray().CopyTo(values, first);
            }
        }
        finally
        {
            if (wasTrainable)
            {
                model.SetTrainable(true);
            }
        }

        return values;
    }

    private UncertaintyThreshold Threshold(ICommitteeModel model, AttackContext context, CancellationToken cancellationToken)
    {
        if (Options.Threshold is { } explicitThreshold)
        {
            explicitThreshold.EnsureUnit(Options.Metric.Unit, Options.Metric.Name);
            return explicitThreshold;
        }

        if (context.Training is null || context.Training.Count == 0)
        {
            throw new ArgumentException("The MD explorer's threshold is a percentile of the training uncertainties, but the context has no training data; give MdExplorerOptions.Threshold.", nameof(context));
        }

        var u = Uncertainties(model, [.. context.Training.Select(s => s.Structure)], Options.Metric, Options.BatchSize, cancellationToken);
        return new UncertaintyThreshold(Percentile.Linear(u, Options.ThresholdPercentile), Options.Metric.Unit);
    }
}
