using AdversarialSampling.Committees;
using AdversarialSampling.Loop;
using AdversarialSampling.Potentials;
using AdversarialSampling.Selection;
using AdversarialSampling.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// <see cref="GenerationReport.TrainingEpochs"/> and <see cref="GenerationReport.BestEpochs"/>, and the warning when
/// best-validation selection kept early weights (docs/active-learning-loop.md, "Validating on new labels").
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LoopTrainingSummaryTests() : RecordingLoopTests("loop-epochs-")
{
    private const int EarlyWeightsEvent = 1314;

    private async Task<(List<GenerationReport> Reports, ActiveLearningLoop Loop, ListLoggerFactory Logs)> Run(string name, RetrainingOptions retraining)
    {
        var logs = new ListLoggerFactory();
        var loop = ActiveLearningLoop.CreateBuilder()
            .WithCommittee(s => new RecordingCommittee(s))
            .WithOracle(new DoubleWell2D())
            .WithInitialData(DoubleWell2D.InitialTrainingSet(points: 400, seed: 1))
            .AddExplorer(new FixedPointsAttack([(-1.0, 0.0), (-0.8, 0.2)]))
            .WithSelection(new SelectionOptions { Cap = null, Percentile = 0, DistanceToTraining = null, DistanceBetweenCandidates = 0, RmsdMode = RmsdMode.Plain })
            .WithRetraining(retraining)
            .WithGenerations(1)
            .WithRunDirectory(Path.Combine(Root, name))
            .WithLogging(logs)
            .Build();
        var reports = await Collect(loop.RunAsync());
        return (reports, loop, logs);
    }

    [Fact]
    public async Task Report_CarriesTheCommitteesEpochsAndBestEpochs_InReportJsonToo()
    {
        RecordingCommittee.Result = new CommitteeTrainingResult { Epochs = 180, BestEpoch = [150, 171, 180], BestValidationLoss = [0, 0, 0] };
        var (reports, loop, logs) = await Run("late", new RetrainingOptions());

        Assert.All(reports, r =>
        {
            Assert.Equal(180, r.TrainingEpochs);
            Assert.Equal([150, 171, 180], r.BestEpochs.ToArray());
            Assert.Contains("\"bestEpochs\": [", r.ToJson(), StringComparison.Ordinal);
        });
        Assert.Equal(reports.Select(r => r.BestEpochs.ToArray()), loop.ReadReports().Select(r => r.BestEpochs.ToArray()));
        Assert.Equal(reports.Select(r => r.TrainingEpochs), loop.ReadReports().Select(r => r.TrainingEpochs));
        Assert.DoesNotContain(logs.Entries, e => e.Id.Id == EarlyWeightsEvent);
    }

    [Fact]
    public async Task EarlyBestEpochs_WithAValidationSplit_AreWarnedOncePerGeneration()
    {
        RecordingCommittee.Result = new CommitteeTrainingResult { Epochs = 200, BestEpoch = [11, 15, 13], BestValidationLoss = [0, 0, 0] };
        var (reports, _, logs) = await Run("early", new RetrainingOptions());

        var warnings = logs.Entries.Where(e => e.Id.Id == EarlyWeightsEvent).ToList();
        Assert.Equal(reports.Count, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.StartsWith("Generation 0: the committee kept early weights (median best epoch 13 of at most 200) by validation on ", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("Validating on new labels", warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EarlyBestEpochs_WithoutValidation_AreNotWarned()
    {
        // Without validation data the kept weights are the best by training loss: early ones are then no symptom.
        RecordingCommittee.Result = new CommitteeTrainingResult { Epochs = 200, BestEpoch = [11, 15, 13], BestValidationLoss = [0, 0, 0] };
        var (reports, _, logs) = await Run("noval", new RetrainingOptions { TrainFraction = 1, ValidationFraction = 0 });

        Assert.All(reports, r => Assert.Equal(0, r.ValidationSize));
        Assert.DoesNotContain(logs.Entries, e => e.Id.Id == EarlyWeightsEvent);
    }

    [Theory]
    [InlineData(new[] { 11, 15, 13 }, 200, 10, 13.0)] // median 13 ≤ 20
    [InlineData(new[] { 10, 30 }, 200, 10, 20.0)] // even count: median 20 = 10 % of 200, still early
    [InlineData(new[] { 10, 32 }, 200, 10, null)] // median 21 > 20
    [InlineData(new[] { 11, 15, 13 }, 200, 0, null)] // no validation data
    [InlineData(new[] { 1, 1, 1 }, 19, 10, null)] // too few epochs to tell
    [InlineData(new int[0], 200, 10, null)] // nothing reported
    public void KeptEarlyWeights_IsTheMedianBestEpochAtOrBelowATenthOfTheLimit(int[] bestEpochs, int maxEpochs, int validationCount, double? expected)
        => Assert.Equal(expected, LoopMath.KeptEarlyWeights([.. bestEpochs], maxEpochs, validationCount));
}
