using System.Text.Json.Serialization;

namespace AdversarialSampling.Models;

/// <summary>
/// How a committee with stacked member weights ([M, …] parameters) evaluates its members. Results are the
/// same either way (up to rounding); only speed differs.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberEvaluation>))]
public enum MemberEvaluation
{
    /// <summary>Stacked for small batches (few atom pairs, where per-operation overhead dominates), per member otherwise.</summary>
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
