using AdversarialSampling.Committees;
using AdversarialSampling.Loop;
using AdversarialSampling.Runs;
using AdversarialSampling.Tests.TestSupport;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// Training resumes per epoch also when each generation warm-starts from the previous generation's committee (the
/// committee is loaded from that checkpoint, then the saved state of the interrupted training replaces its weights): a
/// run cancelled inside generation 1's and again inside generation 2's training ends with the uninterrupted warm-start
/// run's dataset and byte-identical committee weights.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LoopTrainingResumeTests() : RecordingLoopTests("loop-train-resume-")
{
    private ActiveLearningLoopBuilder WarmStart(string name)
        => LoopTestKit.TinyDoubleWell(Path.Combine(Root, name))
            .WithRetraining(new RetrainingOptions { Mode = RetrainingMode.WarmStart })
            .WithTrainingCheckpoints(TimeSpan.Zero);

    [Fact]
    public async Task ResumeAsync_WarmStartCancelledInsideTraining_ContinuesFromTheSavedEpochWithIdenticalWeights()
    {
        var reference = await Collect(WarmStart("reference").Build().RunAsync());

        string run = Path.Combine(Root, "interrupted");
        var firstEpochs = new List<string>();
        foreach (var (generation, epoch) in new[] { (1, 7), (2, 3) })
        {
            using var cts = new CancellationTokenSource();
            var loop = WarmStart("interrupted").Build();
            bool first = true;
            loop.BeforeTraining = (g, committee) => ((TorchCommittee)committee).BeforeEpoch = (e, _) =>
            {
                if (first)
                {
                    firstEpochs.Add($"{g}:{e}");
                    first = false;
                }

                if ((g, e) == (generation, epoch))
                {
                    cts.Cancel();
                }
            };
            var reports = Directory.Exists(run) ? loop.ResumeAsync(cts.Token) : loop.RunAsync(cts.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Collect(reports));
            using var interrupted = RunStore.Open(run, RunStoreOpenMode.ReadOnly);
            var saved = ActiveLearningLoop.ReadSavedTrainingState(interrupted);
            Assert.Equal((generation, epoch - 1), (saved!.Generation, saved.Epoch)); // saved after the last completed epoch
        }

        var resumed = WarmStart("interrupted").Build();
        string? resumedFirst = null;
        resumed.BeforeTraining = (g, committee) => ((TorchCommittee)committee).BeforeEpoch = (e, _) => resumedFirst ??= $"{g}:{e}";
        await Collect(resumed.ResumeAsync());

        // Each run after an interruption started training at the epoch after the last one saved, not at epoch 1.
        Assert.Equal(["0:1", "1:7"], firstEpochs);
        Assert.Equal("2:3", resumedFirst);
        Assert.Equal(reference[^1].DatasetHash, resumed.ReadReports()[^1].DatasetHash);
        using var store = RunStore.Open(run, RunStoreOpenMode.ReadOnly);
        Assert.Null(ActiveLearningLoop.ReadSavedTrainingState(store)); // forgotten once each training was committed
        using var referenceStore = RunStore.Open(Path.Combine(Root, "reference"), RunStoreOpenMode.ReadOnly);
        for (int g = 0; g <= 2; g++)
        {
            Assert.Equal(Weights(referenceStore, g), Weights(store, g));
        }
    }

    private static string Weights(RunStore store, int generation)
        => Assert.Single(store.GetCheckpoints(generation), c => c.Name.StartsWith("weights-", StringComparison.Ordinal)).Sha256;
}
