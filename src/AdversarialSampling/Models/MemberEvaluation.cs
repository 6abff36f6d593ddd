using System.Text.Json.Serialization;

namespace AdversarialSampling.Models;

/// <summary>
/// How a built-in committee evaluates its M members: all in one stacked pass or one after another. Results
/// are the same either way (up to rounding); only speed differs. What the choice changes depends on the model:
/// <list type="bullet">
/// <item><see cref="MlpSpec"/>: it fixes the parameter layout when the committee is created (stacked
/// [M, in, out] weights versus one <see cref="CoordinateMlp"/> module per member; the saved state dictionary
/// differs, the spec records the choice).</item>
/// <item><see cref="SchNetSpec"/>: weights are always stacked [M, …]; it is decided per call.</item>
/// </list>
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberEvaluation>))]
public enum MemberEvaluation
{
    /// <summary>
    /// The model's measured best choice. MLP: <see cref="Stacked"/> for widths up to
    /// <see cref="MlpSpec.StackedWidthThreshold"/>, <see cref="PerMember"/> above. SchNet: <see cref="Stacked"/>,
    /// except per member when a caller takes each member's gradient separately from one shared positions
    /// tensor (the plain <see cref="ICommitteeModel.MemberEnergies(AtomBatch)"/> with positions that require
    /// grad). <see cref="CommitteeEvaluator"/> gives every member its own positions copy, so one backward pass
    /// serves all members and stacked wins: 5 × default SchNet, float32, 1 thread (busy machine), per call
    /// stacked vs per member — energies and forces of 100 NH3 36 vs 70 ms, of a 100-atom periodic argon cell
    /// 68 vs 84 ms; a force-variance gradient (double backward) 93 vs 145 ms and 156 vs 159 ms.
    /// </summary>
    Auto,

    /// <summary>
    /// All members in one pass with batched matrix products (weights [M, in, out]): fewest operations, fastest
    /// for narrow networks and small molecules.
    /// </summary>
    Stacked,

    /// <summary>
    /// One member after another (separate modules, or sliced stacked weights): each member's autograd graph is
    /// separate; fastest for wide MLPs.
    /// </summary>
    PerMember,
}
