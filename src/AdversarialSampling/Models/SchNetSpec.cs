using System.Globalization;
using System.Text.Json.Serialization;
using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// A SchNet-style message-passing model for molecules and periodic systems: element embedding, Gaussian
/// radial basis with a smooth cosine cutoff, continuous-filter interaction blocks, atom-wise readout summed
/// to the energy, per-element energy shift and scale fitted from the training data. See
/// <see cref="SchNetCommittee"/> for the exact functional form.
/// </summary>
public sealed record SchNetSpec : ModelSpec
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "schnet";

    /// <summary>Cutoff radius (Å); default 5.0 (the paper's molecular setting).</summary>
    public double Cutoff { get; init; } = 5.0;

    /// <summary>Width of the atom features (embedding and interaction blocks); default 64.</summary>
    public int Features { get; init; } = 64;

    /// <summary>Number of interaction (message-passing) blocks; default 3.</summary>
    public int Interactions { get; init; } = 3;

    /// <summary>
    /// Number of Gaussians of the radial basis, centred evenly on [0, <see cref="Cutoff"/>] with width σ equal to
    /// their spacing (exp(−(d − μ)² / 2σ²)); default 25.
    /// </summary>
    public int Gaussians { get; init; } = 25;

    /// <summary>Width of the filter-generating network and of the continuous filters; default 64.</summary>
    public int FilterWidth { get; init; } = 64;

    /// <summary>Hidden width of the atom-wise readout network (Features → ReadoutWidth → 1); default 32.</summary>
    public int ReadoutWidth { get; init; } = 32;

    /// <summary>
    /// Largest atomic number the element embedding covers (rows 0..MaxAtomicNumber); default 118 (every
    /// element). A smaller value saves a little memory; structures with larger Z are rejected.
    /// </summary>
    public int MaxAtomicNumber { get; init; } = 118;

    /// <summary>
    /// How members are evaluated (weights are always stacked per member, so this does not change the
    /// parameters or saved weights); default <see cref="MemberEvaluation.Auto"/>.
    /// </summary>
    public MemberEvaluation Evaluation { get; init; } = MemberEvaluation.Auto;

    /// <inheritdoc />
    public override ICommitteeModel Create(int memberCount, int seed, ScalarType dtype = ScalarType.Float32)
        => new SchNetCommittee(this, memberCount, seed, dtype);

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!double.IsFinite(Cutoff) || Cutoff <= 0)
        {
            problems.Add($"Cutoff must be positive and finite (Å); found {Cutoff.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!Enum.IsDefined(Evaluation))
        {
            problems.Add($"Evaluation must be Auto, Stacked or PerMember; found {(int)Evaluation}.");
        }

        AddIfBelow(problems, nameof(Features), Features, 1);
        AddIfBelow(problems, nameof(Interactions), Interactions, 0);
        AddIfBelow(problems, nameof(Gaussians), Gaussians, 2);
        AddIfBelow(problems, nameof(FilterWidth), FilterWidth, 1);
        AddIfBelow(problems, nameof(ReadoutWidth), ReadoutWidth, 1);
        if (MaxAtomicNumber < 1 || MaxAtomicNumber > Elements.Count)
        {
            problems.Add($"MaxAtomicNumber must be in 1..{Elements.Count}; found {MaxAtomicNumber}.");
        }

        return problems;
    }

    private static void AddIfBelow(List<string> problems, string name, int value, int minimum)
    {
        if (value < minimum)
        {
            problems.Add($"{name} must be at least {minimum}; found {value}.");
        }
    }
}
