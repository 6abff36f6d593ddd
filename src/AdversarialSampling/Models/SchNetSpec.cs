using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// A SchNet-style message-passing model for molecules and periodic systems: element embedding, Gaussian
/// radial basis with a smooth cosine cutoff, continuous-filter interaction blocks, atom-wise readout summed
/// to the energy, per-element energy shift and scale fitted from the training data.
/// </summary>
public sealed record SchNetSpec : ModelSpec
{
    /// <inheritdoc />
    public override string Kind => "schnet";

    /// <summary>Cutoff radius (Å); default 5.0 (the paper's molecular setting).</summary>
    public double Cutoff { get; init; } = 5.0;

    /// <inheritdoc />
    public override ICommitteeModel Create(int memberCount, int seed, ScalarType dtype = ScalarType.Float32)
        => throw new NotImplementedException();

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate() => [];
}
