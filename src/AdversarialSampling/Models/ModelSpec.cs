using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// A serialisable description of a committee architecture: enough to rebuild the same untrained
/// committee (saved committees store it as JSON next to the weights). Concrete specs:
/// <see cref="MlpSpec"/> (kind "mlp") and <see cref="SchNetSpec"/> (kind "schnet").
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MlpSpec), "mlp")]
[JsonDerivedType(typeof(SchNetSpec), "schnet")]
public abstract record ModelSpec
{
    /// <summary>The architecture's kind name ("mlp", "schnet").</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Creates a freshly initialised committee model with M independent members.</summary>
    /// <param name="memberCount">Number of members M (≥ 1; default committees use 5).</param>
    /// <param name="seed">Committee seed; member m is initialised from a seed derived from (seed, m).</param>
    /// <param name="dtype">Float32 (default) or Float64.</param>
    /// <returns>The model (caller disposes).</returns>
    public abstract ICommitteeModel Create(int memberCount, int seed, ScalarType dtype = ScalarType.Float32);

    /// <summary>Problems with the settings (empty when valid), one message each naming the setting.</summary>
    /// <returns>Messages.</returns>
    public abstract IReadOnlyList<string> Validate();
}
