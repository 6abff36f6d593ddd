using System.Collections.Immutable;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// A coordinate MLP (the paper's toy model): input = chosen Cartesian components of the structure,
/// <see cref="Depth"/> linear layers of width <see cref="Width"/> with shifted-softplus activations, Xavier
/// initialisation, scalar energy output.
/// </summary>
public sealed record MlpSpec : ModelSpec
{
    /// <inheritdoc />
    public override string Kind => "mlp";

    /// <summary>
    /// Indices into the flat N×3 position array used as inputs (e.g. [0, 1] for x and y of atom 0 on the 2D
    /// double well). Default empty = all 3N components.
    /// </summary>
    public ImmutableArray<int> InputComponents { get; init; } = [];

    /// <summary>Hidden width; default 1024 (the paper).</summary>
    public int Width { get; init; } = 1024;

    /// <summary>Number of linear layers including the output layer; default 4 (in→1024→1024→1024→1).</summary>
    public int Depth { get; init; } = 4;

    /// <inheritdoc />
    public override ICommitteeModel Create(int memberCount, int seed, ScalarType dtype = ScalarType.Float32)
        => throw new NotImplementedException();

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate() => [];
}
