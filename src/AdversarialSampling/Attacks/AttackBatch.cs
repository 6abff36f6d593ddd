using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using static TorchSharp.torch;

namespace AdversarialSampling.Attacks;

/// <summary>
/// One graph batch of seeds (× starts) under attack: the seed positions x₀, the frozen-component mask, the
/// bounds as tensors, and the objective evaluated at x₀ + δ. Shared by <see cref="GradientAttack"/> and
/// <see cref="RandomDisplacement"/>. Create it inside a dispose scope; it owns the <see cref="AtomBatch"/>.
/// </summary>
internal sealed class AttackBatch : IDisposable
{
    private readonly ICommitteeModel _model;
    private readonly IDifferentiableUncertaintyMetric _metric;
    private readonly AttackBounds _bounds;
    private readonly double? _ceiling;
    private readonly Tensor? _lower;
    private readonly Tensor? _upper;
    private readonly bool[] _frozen;

    /// <summary>Creates the batch.</summary>
    /// <param name="model">The committee model (weights already frozen by the caller).</param>
    /// <param name="structures">Seed structures (one entry per seed × start).</param>
    /// <param name="objective">The objective.</param>
    /// <param name="metric">The uncertainty metric.</param>
    /// <param name="bounds">The bounds.</param>
    /// <param name="trainingMinimum">Training minimum in the objective's energy mode (eV or eV/atom).</param>
    /// <param name="trainingShortest">Shortest training distance per element pair (for <see cref="AttackBounds.MinTrainingDistanceFactor"/>), or null.</param>
    public AttackBatch(
        ICommitteeModel model,
        IReadOnlyList<AtomicStructure> structures,
        BoltzmannObjective objective,
        IDifferentiableUncertaintyMetric metric,
        AttackBounds bounds,
        double trainingMinimum,
        IReadOnlyDictionary<(int, int), double>? trainingShortest = null)
    {
        _model = model;
        _metric = metric;
        _bounds = bounds;
        Objective = objective;
        Structures = structures;
        _ceiling = bounds.EnergyCeiling is double c ? trainingMinimum + c : null;
        Batch = AtomBatch.FromStructures(structures, model.DType);
        X0 = Batch.Positions.clone();
        _frozen = [.. structures.SelectMany(s => s.FrozenMask())];
        Frozen = tensor(_frozen, [Batch.AtomCount, 3]);
        AtomCounts = tensor(structures.Select(s => (double)s.AtomCount).ToArray(), ScalarType.Float64).to_type(model.DType);
        if (bounds.Box is { } box)
        {
            _lower = tensor(new[] { box.XMin, box.YMin, box.ZMin }, [1, 3], ScalarType.Float64).to_type(model.DType);
            _upper = tensor(new[] { box.XMax, box.YMax, box.ZMax }, [1, 3], ScalarType.Float64).to_type(model.DType);
        }

        Guard = bounds.MinDistanceFactor is null && bounds.MinTrainingDistanceFactor is null
            ? null
            : DistanceGuard.Create(structures, Batch.AtomOffsets, bounds.MinDistanceFactor, bounds.MinTrainingDistanceFactor, trainingShortest, model.DType);
    }

    /// <summary>The structures (seed geometries), one per seed × start.</summary>
    public IReadOnlyList<AtomicStructure> Structures { get; }

    /// <summary>The graph batch.</summary>
    public AtomBatch Batch { get; }

    /// <summary>Seed positions x₀, [A, 3] (Å).</summary>
    public Tensor X0 { get; }

    /// <summary>True where a component may not move, [A, 3].</summary>
    public Tensor Frozen { get; }

    /// <summary>Atoms per structure, [B], model dtype.</summary>
    public Tensor AtomCounts { get; }

    /// <summary>The objective.</summary>
    public BoltzmannObjective Objective { get; }

    /// <summary>The distance guard, or null when off or inapplicable.</summary>
    public DistanceGuard? Guard { get; }

    /// <summary>Number of structures B.</summary>
    public int Count => Structures.Count;

    /// <summary>Log objective [B] at x₀ + δ (differentiable w.r.t. δ when <paramref name="createGraph"/>).</summary>
    /// <param name="delta">Displacements [A, 3] (Å).</param>
    /// <param name="createGraph">Keep the graph of the forces for a gradient of the objective.</param>
    /// <param name="uncertainty">u [B] (metric unit).</param>
    /// <param name="meanEnergy">Ē [B] (eV).</param>
    /// <returns>Log objective [B].</returns>
    public Tensor Evaluate(Tensor delta, bool createGraph, out Tensor uncertainty, out Tensor meanEnergy)
    {
        var output = CommitteeEvaluator.Evaluate(_model, Batch, X0.Plus(delta), createGraph);
        uncertainty = _metric.Evaluate(output.Energies, output.Forces, Batch.StructureIndex, Count);
        meanEnergy = output.Energies.mean([0]);
        return Objective.LogObjective(uncertainty, meanEnergy, AtomCounts);
    }

    /// <summary>The committee-mean forces at x₀ + δ, as a flat float64 array (A·3, eV/Å).</summary>
    /// <param name="delta">Flat displacements (A·3, Å).</param>
    /// <returns>Mean forces.</returns>
    public double[] MeanForces(double[] delta)
    {
        using var scope = NewDisposeScope();
        var d = tensor(delta, X0.shape, ScalarType.Float64).to_type(_model.DType);
        var output = CommitteeEvaluator.Evaluate(_model, Batch, X0.Plus(d));
        return ToArray(output.Forces.detach().mean([0]));
    }

    /// <summary>Evaluates and reads back (log objective, u, Ē) per structure as doubles.</summary>
    /// <param name="delta">Displacements [A, 3] (Å).</param>
    /// <returns>The values.</returns>
    public ObjectiveValues EvaluateValues(Tensor delta)
    {
        using var scope = NewDisposeScope();
        var logObjective = Evaluate(delta, false, out var u, out var e);
        return Read(logObjective, u, e);
    }

    /// <summary>Reads (log objective, u, Ē) tensors [B] back as doubles.</summary>
    /// <param name="logObjective">Log objective [B].</param>
    /// <param name="uncertainty">u [B].</param>
    /// <param name="meanEnergy">Ē [B].</param>
    /// <returns>The values.</returns>
    public ObjectiveValues Read(Tensor logObjective, Tensor uncertainty, Tensor meanEnergy)
    {
        using var scope = NewDisposeScope();
        var all = stack([logObjective.detach(), uncertainty.detach(), meanEnergy.detach()]).to_type(ScalarType.Float64).data<double>().ToArray();
        int b = Count;
        return new ObjectiveValues(all[..b], all[b..(2 * b)], all[(2 * b)..]);
    }

    /// <summary>Whether a state may be accepted: finite values and, with a ceiling, Ē under it.</summary>
    /// <param name="values">Evaluated values.</param>
    /// <param name="b">Structure index.</param>
    /// <param name="rejection">Why it was rejected.</param>
    /// <returns>True if accepted.</returns>
    public bool Accept(ObjectiveValues values, int b, out AttackExitReason rejection)
    {
        if (!double.IsFinite(values.LogObjective[b]) || !double.IsFinite(values.Energy[b]) || !double.IsFinite(values.Uncertainty[b]))
        {
            rejection = AttackExitReason.NonFinite;
            return false;
        }

        if (_ceiling is double ceiling && Objective.ModeEnergy(values.Energy[b], Structures[b].AtomCount) > ceiling)
        {
            rejection = AttackExitReason.EnergyCeiling;
            return false;
        }

        rejection = AttackExitReason.MaxSteps;
        return true;
    }

    /// <summary>
    /// Applies the bounds to δ in place (no gradient): clamp ±ε, box, per-atom norm, and frozen components
    /// set to exactly zero.
    /// </summary>
    /// <param name="delta">Displacements [A, 3] (Å).</param>
    public void Project(Tensor delta)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (_bounds.Epsilon is double eps)
        {
            using var lower = TorchScalars.Of(-eps);
            using var upper = TorchScalars.Of(eps);
            delta.clamp_(lower, upper);
        }

        if (_lower is not null)
        {
            var x = X0.Plus(delta);
            delta.copy_(minimum(maximum(x, _lower), _upper!) - X0);
        }

        if (_bounds.MaxAtomDisplacement is double r)
        {
            var norm = delta.Squared().sum(1, keepdim: true).sqrt();
            using var radius = TorchScalars.Of(r);
            delta.mul_(norm.reciprocal().mul_(radius).clamp_max_(TorchScalars.One));
        }

        delta.masked_fill_(Frozen, TorchScalars.Zero);
    }

    /// <summary>Random displacements δ ~ N(0, σ²) for every free component ([A, 3], frozen ones zero).</summary>
    /// <param name="rng">The generator (consumed in structure order, 3N draws per structure).</param>
    /// <param name="std">σ (Å).</param>
    /// <returns>δ, model dtype.</returns>
    public Tensor Normals(Random rng, double std) => Draws(values => Gaussian.Fill(rng, values, std));

    /// <summary>Independent U(−ε, ε) draws per free component (frozen components 0), shape [A, 3], in the model's dtype.</summary>
    /// <param name="rng">The generator (one uniform per component, atom-major).</param>
    /// <param name="halfWidth">Half-width ε (Å).</param>
    /// <returns>The draws.</returns>
    public Tensor Uniforms(Random rng, double halfWidth) => Draws(values =>
    {
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = halfWidth * (2 * rng.NextDouble() - 1);
        }
    });

    private Tensor Draws(Action<double[]> fill)
    {
        var values = new double[X0.shape[0] * 3];
        fill(values);
        for (int k = 0; k < values.Length; k++)
        {
            if (_frozen[k])
            {
                values[k] = 0;
            }
        }

        return tensor(values, [X0.shape[0], 3], ScalarType.Float64).to_type(_model.DType);
    }

    /// <summary>A per-atom mask [A, 1] from a per-structure flag.</summary>
    /// <param name="perStructure">One flag per structure.</param>
    /// <returns>Bool tensor [A, 1].</returns>
    public Tensor AtomMask(IReadOnlyList<bool> perStructure)
    {
        var mask = new bool[X0.shape[0]];
        for (int b = 0; b < Count; b++)
        {
            for (int a = Batch.AtomOffsets[b]; a < Batch.AtomOffsets[b + 1]; a++)
            {
                mask[a] = perStructure[b];
            }
        }

        return tensor(mask, [mask.Length, 1]);
    }

    /// <summary>δ as a flat float64 array (A·3).</summary>
    /// <param name="delta">Displacements [A, 3].</param>
    /// <returns>Values.</returns>
    public static double[] ToArray(Tensor delta)
    {
        using var scope = NewDisposeScope();
        return delta.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
    }

    /// <summary>
    /// The attacked structure b: seed positions plus δ in double precision, frozen components exactly the seed's,
    /// free components clamped into the box (so float rounding cannot put a point a hair outside).
    /// </summary>
    /// <param name="b">Structure index.</param>
    /// <param name="delta">Flat δ of the whole batch (A·3, Å).</param>
    /// <returns>The structure.</returns>
    public AtomicStructure Result(int b, double[] delta)
    {
        var seed = Structures[b];
        var positions = seed.Positions.ToArray();
        int offset = 3 * Batch.AtomOffsets[b];
        for (int k = 0; k < positions.Length; k++)
        {
            if (_frozen[offset + k])
            {
                continue;
            }

            double x = positions[k] + delta[offset + k];
            if (_bounds.Box is { } box)
            {
                x = Math.Clamp(x, box.Min(k % 3), box.Max(k % 3));
            }

            positions[k] = x;
        }

        return seed.WithPositions(positions);
    }

    /// <inheritdoc />
    public void Dispose() => Batch.Dispose();
}
