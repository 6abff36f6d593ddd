using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// The normalisation buffers of a coordinate MLP, registered on its module: "input_shift" and
/// "input_scale" ([in], Å; x̂ = (x − shift) / scale), "energy_shift" and "energy_scale" (eV;
/// E = shift + scale · net). Identity until <see cref="Fit"/> is called.
/// </summary>
internal sealed class MlpNormalizer
{
    private readonly MlpSpec _spec;
    private readonly Tensor _inputShift;
    private readonly Tensor _inputScale;
    private readonly Tensor _energyShift;
    private readonly Tensor _energyScale;

    /// <summary>Creates identity buffers and registers them (with the input index) on <paramref name="module"/>.</summary>
    public MlpNormalizer(nn.Module module, MlpSpec spec, ScalarType dtype)
    {
        _spec = spec;
        int inputs = spec.InputSize;
        Index = tensor(spec.ComponentIndices(), ScalarType.Int64).DetachFromDisposeScope();
        _inputShift = zeros([inputs], dtype).DetachFromDisposeScope();
        _inputScale = ones([inputs], dtype).DetachFromDisposeScope();
        _energyShift = zeros([], dtype).DetachFromDisposeScope();
        _energyScale = ones([], dtype).DetachFromDisposeScope();
        module.register_buffer("input_index", Index, persistent: false);
        module.register_buffer("input_shift", _inputShift);
        module.register_buffer("input_scale", _inputScale);
        module.register_buffer("energy_shift", _energyShift);
        module.register_buffer("energy_scale", _energyScale);
    }

    /// <summary>Component indices into the flat N×3 positions, int64 [in].</summary>
    public Tensor Index { get; }

    /// <summary>Energy shift (eV).</summary>
    public double EnergyShift => Scalar(_energyShift);

    /// <summary>Energy scale (eV).</summary>
    public double EnergyScale => Scalar(_energyScale);

    /// <summary>Standardised inputs [..., in].</summary>
    public Tensor Inputs(Tensor x) => (x - _inputShift) / _inputScale;

    /// <summary>Energies from raw network outputs [..., 1] → [...].</summary>
    public Tensor Energies(Tensor output) => _energyShift.addcmul(output.squeeze(-1), _energyScale, TorchScalars.IntOne);

    /// <summary>Fits the buffers from training data (see <see cref="MlpSpec.NormalizeEnergy"/> and <see cref="MlpSpec.NormalizeInputs"/>).</summary>
    public void Fit(Dataset training)
    {
        var (energyShift, energyScale) = _spec.NormalizeEnergy ? EnergyNormalization.Fit(training) : (0.0, 1.0);
        var index = _spec.ComponentIndices();
        var inputShift = new double[index.Length];
        var inputScale = Enumerable.Repeat(1.0, index.Length).ToArray();
        var rows = training.Where(s => s.Structure.AtomCount == _spec.AtomCount).ToList();
        if (_spec.NormalizeInputs && rows.Count > 0)
        {
            for (int i = 0; i < index.Length; i++)
            {
                var values = rows.Select(s => s.Structure.Positions[(int)index[i]]).ToList();
                double mean = values.Average();
                double std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
                inputShift[i] = mean;
                inputScale[i] = std > 1e-6 ? std : 1;
            }
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var shift = TorchScalars.Of(energyShift);
        using var scale = TorchScalars.Of(energyScale);
        _energyShift.fill_(shift);
        _energyScale.fill_(scale);
        _inputShift.copy_(tensor(inputShift, ScalarType.Float64));
        _inputScale.copy_(tensor(inputScale, ScalarType.Float64));
    }

    private static double Scalar(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.to_type(ScalarType.Float64).item<double>();
    }
}
