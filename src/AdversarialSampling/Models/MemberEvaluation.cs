using System.Text.Json.Serialization;

namespace AdversarialSampling.Models;

/// <summary>
/// How a committee with stacked member weights ([M, …] parameters) evaluates its members. Results are the
/// same either way (up to rounding); only speed differs.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberEvaluation>))]
public enum MemberEvaluation
{
    /// <summary>
    /// Per member when the positions require gradients (forces will be taken member by member), stacked
    /// otherwise (energies only, or gradients for the weights only). Measured on 2 shared cores, float32, 5 ×
    /// default SchNet, CPU time per call: energies of 100 NH3 24 ms stacked vs 33 ms per member, of a 100-atom
    /// periodic cell 30 vs 54 ms; a force-variance gradient (double backward) on the 100-atom cell 584 vs 346 ms.
    /// </summary>
    Auto,

    /// <summary>
    /// All members in one pass with batched matrix products: fewest operations, fastest for small molecules;
    /// but every per-member force gradient then runs backward through all members.
    /// </summary>
    Stacked,

    /// <summary>
    /// One member after another with sliced weights: each member's autograd graph is separate, so per-member
    /// forces cost one member's backward pass each; fastest for large systems.
    /// </summary>
    PerMember,
}
