using AdversarialSampling.Loop;
using AdversarialSampling.Potentials;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// <see cref="RetrainingOptions.NewLabelValidationFraction"/>: a share of the new labels is held out for validation
/// (decided by oracle key and loop seed), never trained on, stored with the dataset, the same on a repeated run.
/// </summary>
[Collection(TestSupport.SerialCollection.Name)]
public sealed class LoopNewLabelValidationTests() : RecordingLoopTests("loop-newval-")
{
    private static readonly (double X, double Y)[] Points = [.. Enumerable.Range(0, 12).Select(i => (-1.0 + (0.15 * (i % 4)), -0.3 + (0.3 * (i / 4))))];

    private async Task<(ActiveLearningLoop Loop, RecordingCommittee Last)> Run(double fraction, string name, int seed = 0)
    {
        var loop = ActiveLearningLoop.CreateBuilder()
            .WithCommittee(s => new RecordingCommittee(s))
            .WithOracle(new DoubleWell2D())
            .WithInitialData(DoubleWell2D.InitialTrainingSet(points: 400, seed: 1))
            .AddExplorer(new FixedPointsAttack(Points))
            .WithSelection(new SelectionOptions { Cap = null, Percentile = 0, DistanceToTraining = null, DistanceBetweenCandidates = 0, RmsdMode = RmsdMode.Plain })
            .WithRetraining(new RetrainingOptions { NewLabelValidationFraction = fraction })
            .WithGenerations(1)
            .WithSeed(seed)
            .WithRunDirectory(Path.Combine(Root, name))
            .Build();
        await Collect(loop.RunAsync());
        return (loop, RecordingCommittee.Trained[^1]);
    }

    private static HashSet<(double, double)> At(Dataset data) => [.. data.Select(s => (s.Structure.Positions[0], s.Structure.Positions[1]))];

    [Fact]
    public async Task RunAsync_HeldOutLabels_AreValidatedOnButNeverTrainedOn()
    {
        var (loop, last) = await Run(0.5, "half");
        var (_, plain) = await Run(0, "none");

        var labels = Points.ToHashSet();
        var trainedLabels = At(last.Training!).Intersect(labels).ToHashSet();
        var validatedLabels = At(last.Validation!).Intersect(labels).ToHashSet();
        Assert.Equal(12, loop.ReadReports()[^1].LabelsAdded);
        Assert.NotEmpty(trainedLabels);
        Assert.NotEmpty(validatedLabels);
        Assert.Empty(trainedLabels.Intersect(validatedLabels));
        Assert.Equal(labels, trainedLabels.Union(validatedLabels).ToHashSet());
        Assert.All(trainedLabels, p => Assert.Equal(4, last.Training!.Count(s => (s.Structure.Positions[0], s.Structure.Positions[1]) == p))); // replicated as usual
        Assert.Equal(plain.Validation!.Count + validatedLabels.Count, last.Validation!.Count); // the initial validation part plus the held-out labels
        Assert.Equal(last.Validation!.Count, loop.ReadReports()[^1].ValidationSize);
        Assert.Equal(labels, At(loop.LoadDataset(1)).Intersect(labels).ToHashSet()); // every label is stored

        // Without the option every label is trained on and the validation part is the initial one.
        Assert.Equal(labels, At(plain.Training!).Intersect(labels).ToHashSet());
        Assert.Empty(At(plain.Validation!).Intersect(labels));
    }

    [Fact]
    public async Task LoadTrainingSplit_IsExactlyWhatTheGenerationsCommitteeTrainedAndValidatedOn()
    {
        var (loop, last) = await Run(0.5, "split");

        var split = loop.LoadTrainingSplit(1);

        static (double, double)[] Positions(Dataset data) => [.. data.Select(s => (s.Structure.Positions[0], s.Structure.Positions[1]))];
        Assert.Equal(Positions(last.Training!), Positions(split.Train));
        Assert.Equal(Positions(last.Validation!), Positions(split.Validation));
        Assert.Equal(loop.ReadReports()[^1].ValidationSize, split.Validation.Count);
        Assert.NotEmpty(split.Test);
        Assert.Empty(At(split.Test).Intersect(Points)); // new labels are never test data
        Assert.Empty(loop.LoadTrainingSplit(7).Train); // a generation that never ran
    }

    [Fact]
    public async Task RunAsync_SameSeed_HoldsOutTheSameLabels()
    {
        var (_, first) = await Run(0.5, "a");
        var (_, second) = await Run(0.5, "b");
        var (_, otherSeed) = await Run(0.5, "c", seed: 3);

        Assert.Equal(At(first.Validation!), At(second.Validation!));
        Assert.NotEqual(At(first.Validation!).Intersect(Points), At(otherSeed.Validation!).Intersect(Points));
    }

    [Fact]
    public void HeldOutForValidation_HoldsOutAboutTheFraction()
    {
        int held = Enumerable.Range(0, 4000).Count(i => LoopMath.HeldOutForValidation($"key-{i}", 7, 0.2));
        Assert.InRange(held, 720, 880); // 800 ± 4 σ (σ ≈ 25)
        Assert.False(LoopMath.HeldOutForValidation("key-1", 7, 0));
    }
}
