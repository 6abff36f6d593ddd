using System.Globalization;
using AdversarialSampling.Structures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// One coordinate-MLP committee member (see <see cref="MlpSpec"/>): E = shift + scale · net(x), x = the
/// chosen components of the flat N×3 positions, net = linear layers with shifted-softplus activations
/// between them. Parameters "weight{l}" ([in, out]) and "bias{l}" ([out]) for l = 0 … Depth − 1, each its
/// own tensor; buffers "input_shift", "input_scale" ([in], Å), "energy_shift" and "energy_scale" (eV) hold the normalisation.
/// </summary>
public sealed class CoordinateMlp : nn.Module<Tensor, Tensor>, IEnergyModel
{
    private readonly MlpSpec _spec;
    private readonly Parameter[] _weights;
    private readonly Parameter[] _biases;
    private readonly MlpNormalizer _normalizer;

    /// <summary>Creates a member initialised from <paramref name="seed"/> (see <see cref="MlpInitializer"/>).</summary>
    /// <param name="spec">The architecture (validated).</param>
    /// <param name="seed">The member seed, e.g. <see cref="MemberSeed.For"/>(committeeSeed, m).</param>
    /// <param name="dtype">Float32 (default) or Float64.</param>
    public CoordinateMlp(MlpSpec spec, long seed, ScalarType dtype = ScalarType.Float32)
        : base(nameof(CoordinateMlp))
    {
        ArgumentNullException.ThrowIfNull(spec);
        ModelSpecChecks.ThrowIfInvalid(spec, 1, dtype);
        _spec = spec;
        DType = dtype;
        var sizes = spec.LayerSizes();
        var init = MlpInitializer.Weights(sizes, seed);
        _weights = new Parameter[spec.Depth];
        _biases = new Parameter[spec.Depth];
        for (int l = 0; l < spec.Depth; l++)
        {
            _weights[l] = NewParameter(tensor(init[l], [sizes[l], sizes[l + 1]], ScalarType.Float64), dtype);
            _biases[l] = NewParameter(zeros([sizes[l + 1]], ScalarType.Float64), dtype);
            register_parameter(string.Create(CultureInfo.InvariantCulture, $"weight{l}"), _weights[l]);
            register_parameter(string.Create(CultureInfo.InvariantCulture, $"bias{l}"), _biases[l]);
        }

        _normalizer = new MlpNormalizer(this, spec, dtype);
    }

    /// <summary>Floating type of parameters and outputs.</summary>
    public ScalarType DType { get; }

    /// <summary>Energy shift (eV) added to the scaled network output.</summary>
    public double EnergyShift => _normalizer.EnergyShift;

    /// <summary>Energy scale (eV) multiplying the network output.</summary>
    public double EnergyScale => _normalizer.EnergyScale;

    /// <summary>Energies from network inputs.</summary>
    /// <param name="input">Inputs [..., in] (selected components, Å).</param>
    /// <returns>Energies [...] (eV).</returns>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _normalizer.Energies(MlpLayers.Forward(_normalizer.Inputs(input), _weights, _biases));
    }

    /// <inheritdoc />
    public Tensor Energies(AtomBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return forward(MlpInputs.Select(batch.Positions, batch, _spec.AtomCount, _normalizer.Index));
    }

    /// <inheritdoc />
    public IEnumerable<Parameter> Parameters() => parameters();

    /// <inheritdoc />
    public void FitNormalization(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        _normalizer.Fit(training);
    }

    private static Parameter NewParameter(Tensor float64Values, ScalarType dtype)
    {
        using var values = float64Values;
        using var converted = values.to_type(dtype);
        return (Parameter)new Parameter(converted.clone(), requires_grad: true).DetachFromDisposeScope();
    }
}
