using System.Globalization;
using static TorchSharp.torch;

namespace AdversarialSampling.Committees;

/// <summary>Settings of a <see cref="TorchCommittee"/>: size, seed, precision and training.</summary>
public sealed record CommitteeOptions
{
    /// <summary>Number of members M; default 5.</summary>
    public int Members { get; init; } = 5;

    /// <summary>
    /// Committee seed; default 0. Member m is initialised from <see cref="Models.MemberSeed.For"/>(Seed, m);
    /// minibatch order is shuffled with <see cref="Random(int)"/> seeded with Seed.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>Floating type of the models: Float32 (default) or Float64.</summary>
    public ScalarType DType { get; init; } = ScalarType.Float32;

    /// <summary>Structures per evaluation pass in prediction and validation; default 256.</summary>
    public int EvaluationBatchSize { get; init; } = 256;

    /// <summary>Training settings.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Problems with the settings (empty when valid), one message each naming the setting.</summary>
    /// <returns>Messages.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Members < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Members must be at least 1; found {Members}."));
        }

        if (DType is not (ScalarType.Float32 or ScalarType.Float64))
        {
            problems.Add($"DType must be Float32 or Float64; found {DType}.");
        }

        if (EvaluationBatchSize < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"EvaluationBatchSize must be at least 1; found {EvaluationBatchSize}."));
        }

        if (Training is null)
        {
            problems.Add("Training must not be null.");
        }
        else
        {
            problems.AddRange(Training.Validate());
        }

        return problems;
    }
}
