using System.Globalization;
using AdversarialSampling.Structures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// A coordinate-MLP committee with stacked weights: all M members evaluated in one pass with batched
/// matrix products (inputs [M, B, in], weights [M, in, out]). Parameters "weight{l}" ([M, in, out]) and
/// "bias{l}" ([M, 1, out]); slice m is member m, initialised exactly as a per-member
/// <see cref="CoordinateMlp"/> with the same member seed. Buffers "input_shift", "input_scale" ([in], Å), "energy_shift" and "energy_scale" (eV).
/// </summary>
public sealed class StackedMlpCommittee : nn.Module, ICommitteeModel
{
    private readonly MlpSpec _spec;
    private readonly Parameter[] _weights;
    private readonly Parameter[] _biases;
    private readonly MlpNormalizer _normalizer;

    /// <summary>Creates a committee; member m is initialised from <see cref="MemberSeed.For"/>(seed, m).</summary>
    /// <param name="spec">The architecture.</param>
    /// <param name="memberCount">Number of members M ≥ 1.</param>
    /// <param name="seed">Committee seed.</param>
    /// <param name="dtype">Float32 (default) or Float64.</param>
    public StackedMlpCommittee(MlpSpec spec, int memberCount, int seed, ScalarType dtype = ScalarType.Float32)
        : base(nameof(StackedMlpCommittee))
    {
        ArgumentNullException.ThrowIfNull(spec);
        ModelSpecChecks.ThrowIfInvalid(spec, memberCount, dtype);
        _spec = spec;
        MemberCount = memberCount;
        DType = dtype;
        var sizes = spec.LayerSizes();
        var perMember = Enumerable.Range(0, memberCount).Select(m => MlpInitializer.Weights(sizes, MemberSeed.For(seed, m))).ToArray();
        _weights = new Parameter[spec.Depth];
        _biases = new Parameter[spec.Depth];
        for (int l = 0; l < spec.Depth; l++)
        {
            int fanIn = sizes[l], fanOut = sizes[l + 1];
            var w = new double[memberCount * fanIn * fanOut];
            for (int m = 0; m < memberCount; m++)
            {
                perMember[m][l].CopyTo(w, m * fanIn * fanOut);
            }

            using (var scope = NewDisposeScope())
            {
                _weights[l] = new Parameter(tensor(w, [memberCount, fanIn, fanOut], ScalarType.Float64).to_type(dtype), requires_grad: true);
                _biases[l] = new Parameter(zeros([memberCount, 1, fanOut], dtype), requires_grad: true);
                _weights[l].DetachFromDisposeScope();
                _biases[l].DetachFromDisposeScope();
            }

            register_parameter(string.Create(CultureInfo.InvariantCulture, $"weight{l}"), _weights[l]);
            register_parameter(string.Create(CultureInfo.InvariantCulture, $"bias{l}"), _biases[l]);
        }

        _normalizer = new MlpNormalizer(this, spec, dtype);
    }

    /// <inheritdoc />
    public int MemberCount { get; }

    /// <inheritdoc />
    public ScalarType DType { get; }

    /// <inheritdoc />
    public Tensor MemberEnergies(AtomBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var x = MlpInputs.Select(batch.Positions, batch, _spec.AtomCount, _normalizer.Index);
        return Forward(x.unsqueeze(0).expand(MemberCount, -1, -1));
    }

    /// <inheritdoc />
    public Tensor MemberEnergies(AtomBatch batch, Tensor memberPositions)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(memberPositions);
        return Forward(MlpInputs.Select(memberPositions, batch, _spec.AtomCount, _normalizer.Index));
    }

    /// <inheritdoc />
    public IReadOnlyList<CommitteeParameter> ParameterOwnership()
        => [.. parameters().Select(p => new CommitteeParameter(p, null))];

    /// <inheritdoc />
    public IEnumerable<Parameter> Parameters() => parameters();

    /// <inheritdoc />
    public void SetTrainable(bool trainable)
    {
        foreach (var p in parameters())
        {
            p.requires_grad = trainable;
        }
    }

    /// <inheritdoc />
    public void FitNormalization(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        _normalizer.Fit(training);
    }

    private Tensor Forward(Tensor x) => _normalizer.Energies(MlpLayers.Forward(_normalizer.Inputs(x), _weights, _biases));
}
