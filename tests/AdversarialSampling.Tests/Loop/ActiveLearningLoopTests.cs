using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Loop;
using AdversarialSampling.Potentials;
using AdversarialSampling.Runs;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.Runs;
using AdversarialSampling.Tests.TestSupport;
using AdversarialSampling.Uncertainty;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// Issue #5 items 2–3 end to end on the 2D double well with a tiny MLP committee (3 members, 2→32→32→1, 15 epochs),
/// a random-displacement and a gradient explorer, 2 generations of at most 8 labels (<see cref="TestHost.TinyLoop"/>).
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ActiveLearningLoopTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = RunTestKit.NewDirectory("loop-run-");

    public void Dispose() => RunTestKit.DeleteDirectory(_root);

    private string Dir(string name) => Path.Combine(_root, name);

    private static Task<List<GenerationReport>> Collect(IAsyncEnumerable<GenerationReport> reports) => TinyLoopReference.Collect(reports);

    private string CopyOfReference(TinyLoopReference reference)
    {
        string copy = Dir("copy");
        foreach (string file in Directory.EnumerateFiles(reference.RunDirectory, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(reference.RunDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    [Fact]
    public async Task RunAsync_PercentileOverReplicatedTraining_TakesTheThresholdOverTheTrainingSetAsTrainedOn()
    {
        var loop = LoopTestKit.TinyDoubleWell(Dir("replicated-percentile"), generations: 1)
            .WithSelection(new SelectionOptions { Cap = 8, Percentile = 50, RmsdMode = RmsdMode.Plain, DistanceToTraining = 0.01, DistanceBetweenCandidates = 0.02, PercentileOverReplicatedTraining = true })
            .Build();
        var reports = await Collect(loop.RunAsync());
        Assert.InRange(reports[1].LabelsAdded, 1, 8);
        int initialTraining = loop.LoadTrainingSplit(0).Train.Count; // the loop's default 60 % of the 240 initial points
        Assert.StartsWith($"50th percentile of {initialTraining} training values counted as replicated ({initialTraining} in all)", reports[1].Uncertainty!.ThresholdSource, StringComparison.Ordinal);

        // Generation 1's next threshold: the median over the replicated training set (new labels 4 times), not over each structure once.
        var replicated = loop.LoadTrainingSplit(1).Train;
        var unique = replicated.Distinct().ToList();
        Assert.Equal(initialTraining + (4 * reports[1].LabelsAdded), replicated.Count);
        using var committee = loop.LoadCommittee(1);
        var metric = new ForceVariance();
        var scores = metric.EvaluateAll(committee.Predict([.. unique.Select(s => s.Structure)]));
        var weights = unique.Select(s => replicated.Count(r => ReferenceEquals(r, s))).ToList();
        double overReplicated = Percentile.Linear([.. scores.SelectMany((v, i) => Enumerable.Repeat(v, weights[i]))], 50);
        double overUnique = Percentile.Linear(scores, 50);
        double next = reports[1].Uncertainty!.NextThreshold!.Value;
        Assert.Equal(overReplicated, next, overReplicated * 1e-9);
        Assert.NotEqual(overUnique, next, overUnique * 1e-6);
    }

    [Fact]
    public async Task RunAsync_PerComponentForceThreshold_PoolsTheFreeComponentsAndScoresEachCandidateByItsSmallest()
    {
        string run = Dir("per-component-threshold");
        var loop = LoopTestKit.TinyDoubleWell(run, generations: 1)
            .WithSelection(new SelectionOptions { Cap = 8, Percentile = 50, RmsdMode = RmsdMode.Plain, DistanceToTraining = 0.01, DistanceBetweenCandidates = 0.02, PerComponentForceThreshold = true })
            .Build();
        var reports = await Collect(loop.RunAsync());

        // Generation 1's threshold: the median of the x and y force variances of every training structure pooled (z is frozen).
        var training = loop.LoadTrainingSplit(0).Train;
        var metric = new ForceVariance();
        double threshold;
        using (var committee = loop.LoadCommittee(0))
        {
            var predictions = committee.Predict([.. training.Select(s => s.Structure)]).Structures;
            var pooled = predictions.SelectMany(p => CommitteeVariance.ForceComponents(p).Take(2)).ToArray();
            threshold = Percentile.Linear(pooled, 50);
            Assert.Equal(threshold, reports[0].Uncertainty!.NextThreshold!.Value, threshold * 1e-9);
            double overMeans = Percentile.Linear(metric.EvaluateAll(committee.Predict([.. training.Select(s => s.Structure)])), 50);
            Assert.NotEqual(overMeans, threshold, overMeans * 1e-6);
            Assert.StartsWith($"50th percentile of {2 * training.Count} free force-component variances of {training.Count} training structures under", reports[1].Uncertainty!.ThresholdSource, StringComparison.Ordinal);

            // Each candidate's score is its smaller free-component variance under committee 0; it passes only if that reaches the threshold.
            using var store = RunStore.Open(run, RunStoreOpenMode.ReadOnly);
            var candidates = store.GetCandidates(1);
            Assert.Equal(24, candidates.Count);
            var candidatePredictions = committee.Predict([.. candidates.Select(c => c.Structure)]).Structures;
            for (int i = 0; i < candidates.Count; i++)
            {
                var components = CommitteeVariance.ForceComponents(candidatePredictions[i]);
                double smallest = Math.Min(components[0], components[1]);
                Assert.Equal(smallest, candidates[i].Score!.Value, Math.Max(smallest, 1e-12) * 1e-9);
                Assert.Equal(smallest >= threshold, candidates[i].Decision != nameof(DecisionReason.BelowThreshold));
            }

            Assert.Contains(candidates, c => c.Decision == nameof(DecisionReason.BelowThreshold));
            Assert.Contains(candidates, c => c.Decision == nameof(DecisionReason.Accepted));
        }

        Assert.InRange(reports[1].LabelsAdded, 1, 8);
    }

    [Fact]
    public async Task RunAsync_TinyDoubleWell_YieldsAReportPerGenerationAndExportsEach()
    {
        var reference = await TinyLoopReference.GetAsync();
        var reports = reference.Reports;
        foreach (var r in reports)
        {
            output.WriteLine($"gen {r.Generation}: +{r.LabelsAdded} → {r.DatasetSize} samples, trained on {r.TrainingSize}; candidates {string.Join(", ", r.CandidatesByReason.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key} {kv.Value}"))}; "
                + $"validation RMSE {r.Validation?.EnergyRmse:F3} eV / {r.Validation?.ForceRmse:F3} eV/Å; u threshold {r.Uncertainty?.Threshold:G3}, candidates median {r.Uncertainty?.CandidatesMedian:G3}; "
                + $"timings {string.Join(", ", r.PhaseTimings.Select(kv => $"{kv.Key} {kv.Value.TotalSeconds:F2}s"))}");
        }

        Assert.Equal([0, 1, 2], reports.Select(r => r.Generation));
        Assert.Equal([LoopStopReason.None, LoopStopReason.None, LoopStopReason.Completed], reports.Select(r => r.StopReason));
        Assert.Equal(0, reports[0].LabelsAdded);
        Assert.Empty(reports[0].CandidateExits);
        Assert.Empty(reports[0].CandidateStepsMedian);
        Assert.All(reports.Skip(1), r =>
        {
            Assert.InRange(r.LabelsAdded, 1, 8);
            Assert.Equal(r.LabelsAdded, r.LabelOutcomes[LabelStatus.Labelled]);
            Assert.Equal(12, r.CandidatesByExplorer["0:RandomDisplacement"]);
            Assert.Equal(12, r.CandidatesByExplorer["1:GradientAttack"]);
            Assert.Equal(24, r.CandidatesByReason.Values.Sum());
            Assert.Equal(["0:RandomDisplacement", "1:GradientAttack"], r.CandidateExits.Keys);
            Assert.Equal(12, Assert.Single(r.CandidateExits["0:RandomDisplacement"], kv => kv.Key == AttackExitReason.NotIterative).Value);
            Assert.Equal(12, r.CandidateExits["1:GradientAttack"].Values.Sum()); // the Paper preset: no ceiling, no guard
            Assert.Equal(1, r.CandidateStepsMedian["0:RandomDisplacement"]); // one draw each
            Assert.InRange(r.CandidateStepsMedian["1:GradientAttack"], 1, 40); // the tiny loop's 40 Adam steps
            Assert.True(r.Uncertainty!.CandidatesMax >= r.Uncertainty.Threshold);
            Assert.Equal(reports[r.Generation - 1].Uncertainty!.NextThreshold, r.Uncertainty.Threshold);
            Assert.Equal(reports[r.Generation - 1].DatasetSize + r.LabelsAdded, r.DatasetSize);
        });
        Assert.All(reports, r =>
        {
            Assert.NotNull(r.Validation);
            Assert.NotNull(r.Test);
            Assert.InRange(r.TrainingEpochs, 1, 15); // the tiny loop's epoch limit
            Assert.Equal(3, r.BestEpochs.Length); // one per member
            Assert.All(r.BestEpochs, e => Assert.InRange(e, 1, r.TrainingEpochs));
            Assert.Equal(
                [LoopPhase.Merge, LoopPhase.Train, LoopPhase.Evaluate],
                r.PhaseTimings.Keys.Where(p => p is LoopPhase.Merge or LoopPhase.Train or LoopPhase.Evaluate));
            string directory = Path.Combine(reference.RunDirectory, "generations", CheckpointFiles.GenerationDirectoryName(r.Generation));
            Assert.Equal(r.ToJson(), File.ReadAllText(Path.Combine(directory, "report.json")));
            Assert.Equal(r.DatasetSize, ExtendedXyzReader.ReadSamples(Path.Combine(directory, "dataset.extxyz")).Count());
        });

        // N5: every added label carries its provenance.
        var loop = LoopTestKit.TinyDoubleWell(reference.RunDirectory).Build();
        var added = loop.LoadDataset(2).Where(s => s.Metadata.ContainsKey("oracle_key")).ToList();
        Assert.Equal(reports[1].LabelsAdded + reports[2].LabelsAdded, added.Count);
        Assert.All(added, s =>
        {
            Assert.Contains(s.GetMetadata("explorer", ""), new[] { "0:RandomDisplacement", "1:GradientAttack" });
            Assert.Contains(s.GetMetadata("generation", 0L), new[] { 1L, 2L });
            Assert.True(s.GetMetadata("score", double.NaN) >= 0);
        });
        Assert.Equal(reports.Select(TinyLoopReference.WithoutTimings), loop.ReadReports().Select(TinyLoopReference.WithoutTimings));
    }

    [Fact]
    public async Task RunAsync_SameSeedTwice_IdenticalDatasetsAndReportsExceptTimings()
    {
        var reference = await TinyLoopReference.GetAsync();
        var logs = new ListLoggerFactory();
        var progress = new List<LoopProgress>();
        var loop = LoopTestKit.TinyDoubleWell(Dir("again")).WithLogging(logs).WithProgress(new SyncProgress<LoopProgress>(p =>
        {
            lock (progress)
            {
                progress.Add(p);
            }
        })).Build();
        var again = await Collect(loop.RunAsync());

        Assert.Equal(reference.Reports.Select(TinyLoopReference.WithoutTimings), again.Select(TinyLoopReference.WithoutTimings));
        Assert.Equal(
            RunTestKit.Text(LoopTestKit.TinyDoubleWell(reference.RunDirectory).Build().LoadDataset(2)),
            RunTestKit.Text(loop.LoadDataset(2)));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(reference.RunDirectory, "generations", "gen-002", "dataset.extxyz")),
            File.ReadAllBytes(Path.Combine(Dir("again"), "generations", "gen-002", "dataset.extxyz")));

        // Progress: every phase of every generation started and completed, and each label was reported.
        Assert.Equal(4 + 7 + 7, progress.Count(p => p.Kind == LoopProgressKind.Completed)); // generation 0: merge, train, evaluate, report
        Assert.Equal(again.Skip(1).Sum(r => r.LabelOutcomes.Values.Sum()), progress.Count(p => p.Kind == LoopProgressKind.Labelled));
        // Logging: stable event ids (loop 1301–1320, committee 1001–1011 for its training).
        var ids = logs.Entries.Select(e => e.Id.Id).ToHashSet();
        Assert.Contains(1301, ids);
        Assert.Contains(1304, ids);
        Assert.Contains(1306, ids);
        Assert.Contains(1001, ids);
    }

    [Fact]
    public async Task RunAsync_OtherSeed_GivesAnotherDataset()
    {
        var reference = await TinyLoopReference.GetAsync();
        var other = await Collect(LoopTestKit.TinyDoubleWell(Dir("other"), generations: 1, seed: 4).Build().RunAsync());
        Assert.NotEqual(reference.Reports[0].DatasetHash, other[0].DatasetHash); // another initial split
        Assert.NotEqual(reference.Reports[1].DatasetHash, other[1].DatasetHash);
    }

    [Fact]
    public async Task ResumeAsync_AfterCancellationInGenerationOne_SameFinalDatasetAsUninterrupted()
    {
        var reference = await TinyLoopReference.GetAsync();
        var loop = LoopTestKit.TinyDoubleWell(Dir("cancelled")).Build();
        using var cts = new CancellationTokenSource();
        loop.AfterPhaseCommitted = (g, phase) =>
        {
            if (g == 1 && phase == "label")
            {
                cts.Cancel();
            }
        };
        var before = new List<GenerationReport>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var r in loop.RunAsync(cts.Token))
            {
                before.Add(r);
            }
        });
        Assert.Equal([0], before.Select(r => r.Generation));

        loop.AfterPhaseCommitted = null;
        var after = await Collect(loop.ResumeAsync());
        Assert.Equal([1, 2], after.Select(r => r.Generation)); // only generations finished now are yielded
        Assert.Equal(reference.FinalHash, after[^1].DatasetHash);
        Assert.Equal(reference.Reports.Skip(1).Select(r => r.Validation), after.Select(r => r.Validation));
    }

    [Fact]
    public async Task ResumeAsync_FinishedRunWithMoreGenerations_ExtendsItToTheLongerRunsDataset()
    {
        var reference = await TinyLoopReference.GetAsync();
        var shortRun = await Collect(LoopTestKit.TinyDoubleWell(Dir("extend"), generations: 1).Build().RunAsync());
        Assert.Equal(LoopStopReason.Completed, shortRun[^1].StopReason);
        Assert.Empty(await Collect(LoopTestKit.TinyDoubleWell(Dir("extend"), generations: 1).Build().ResumeAsync()));

        var extended = await Collect(LoopTestKit.TinyDoubleWell(Dir("extend"), generations: 2).Build().ResumeAsync());
        Assert.Equal(2, Assert.Single(extended).Generation);
        Assert.Equal(reference.FinalHash, extended[0].DatasetHash);
    }

    [Fact]
    public async Task LoadCommittee_Generation_IsTheCommitteeThatWasEvaluated()
    {
        var reference = await TinyLoopReference.GetAsync();
        var loop = LoopTestKit.TinyDoubleWell(reference.RunDirectory).Build();
        using var committee = loop.LoadCommittee(2);
        Assert.True(committee.IsTrained);
        using var store = RunStore.Open(reference.RunDirectory, RunStoreOpenMode.ReadOnly);
        var split = new Dataset(store.LoadDatasetEntries(2).Where(e => e.Origin == "initial:validation").Select(e => e.Sample));
        var prediction = committee.Predict([.. split.Select(s => s.Structure)]);
        double rmse = Math.Sqrt(split.Select((s, i) => Math.Pow(prediction[i].MeanEnergy - s.Energy, 2)).Average());
        Assert.Equal(reference.Reports[2].Validation!.EnergyRmse, rmse, 12);
    }

    [Fact]
    public async Task RunAsync_DirectoryAlreadyHoldsARun_ThrowsAndChangesNothing()
    {
        var reference = await TinyLoopReference.GetAsync();
        string copy = CopyOfReference(reference);
        var loop = LoopTestKit.TinyDoubleWell(copy).Build();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Collect(loop.RunAsync()));
        Assert.Equal($"The run directory '{loop.RunDirectory}' already holds a run; call ResumeAsync to continue it, or choose a new directory.", e.Message);
    }

    [Fact]
    public async Task ResumeAsync_NoRunInTheDirectory_ThrowsRunStoreException()
    {
        var loop = LoopTestKit.TinyDoubleWell(Dir("empty")).Build();
        Directory.CreateDirectory(loop.RunDirectory);
        var e = await Assert.ThrowsAsync<RunStoreException>(() => Collect(loop.ResumeAsync()));
        Assert.Contains("has no run store", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeAsync_ChangedConfiguration_NamesEveryDifferentSetting()
    {
        var reference = await TinyLoopReference.GetAsync();
        string copy = CopyOfReference(reference);
        var changed = LoopTestKit.TinyDoubleWell(copy, seed: 9)
            .WithSelection(new SelectionOptions { Cap = 4, RmsdMode = RmsdMode.Plain })
            .Build();
        var e = await Assert.ThrowsAsync<LoopConfigurationException>(() => Collect(changed.ResumeAsync()));
        Assert.Equal(3, e.Problems.Count);
        Assert.Equal($"The loop's configuration differs from the one the run in '{changed.RunDirectory}' started with; resume it with the same settings, or start a new run.", e.Problems[0]);
        Assert.StartsWith("Setting 'seed' differs from the run's: the run has 3, this loop has 9.", e.Problems[1], StringComparison.Ordinal);
        Assert.StartsWith("Setting 'selection' differs from the run's: the run has {", e.Problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeAsync_AnotherProcessHoldsTheRunDirectory_ThrowsRunLockedException()
    {
        var reference = await TinyLoopReference.GetAsync();
        string copy = CopyOfReference(reference);
        using var holder = HostProcess.Start("hold", copy);
        holder.WaitForLine("HOLDING");
        var e = await Assert.ThrowsAsync<RunLockedException>(() => Collect(LoopTestKit.TinyDoubleWell(copy).Build().ResumeAsync()));
        Assert.Contains(copy, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, holder.CloseInputAndWait());
    }

    [Fact]
    public async Task RunAsync_WarmStart_ContinuesFromThePreviousCommitteesWeights()
    {
        var reports = await Collect(LoopTestKit.TinyDoubleWell(Dir("warm"), generations: 1)
            .WithRetraining(new RetrainingOptions { Mode = RetrainingMode.WarmStart }).Build().RunAsync());
        var reference = await TinyLoopReference.GetAsync();
        Assert.Equal(reference.Reports[0].DatasetHash, reports[0].DatasetHash); // generation 0 is the same either way
        Assert.Equal(reference.Reports[1].DatasetHash, reports[1].DatasetHash); // labels come from committee 0
        Assert.NotEqual(reference.Reports[1].Validation, reports[1].Validation); // committee 1 trained from committee 0's weights
        using var committee = LoopTestKit.TinyDoubleWell(Dir("warm"), generations: 1).Build().LoadCommittee(1);
        Assert.Equal(committee.Options.Seed, LoopTestKit.TinyDoubleWell(Dir("warm"), generations: 1).Build().LoadCommittee(0).Options.Seed);
    }

    [Fact]
    public async Task RunAsync_EnergyCeiling_ProtectsTheLowEnergyFitFromFarAboveLabels()
    {
        // The explorers at kT = 5 eV find labels up to tens of eV above the left basin; trained on, they pull the
        // committee's low-energy fit apart. With a 3 eV ceiling they are stored but not trained on.
        var reference = await TinyLoopReference.GetAsync();
        var capped = await Collect(LoopTestKit.TinyDoubleWell(Dir("ceiling"))
            .WithRetraining(new RetrainingOptions { EnergyCeiling = 3 }).Build().RunAsync());
        var loop = LoopTestKit.TinyDoubleWell(Dir("ceiling")).Build();
        double minimum = loop.LoadDataset(0).Min(s => s.Energy);
        int above = loop.LoadDataset(2).Count(s => s.Energy > minimum + 3);
        for (int g = 0; g < 3; g++)
        {
            output.WriteLine($"gen {g}: validation energy RMSE {reference.Reports[g].Validation!.EnergyRmse:F3} eV without a ceiling, {capped[g].Validation!.EnergyRmse:F3} eV with 3 eV ({capped[g].ExcludedByEnergyCeiling} labels excluded); "
                + $"test {reference.Reports[g].Test!.EnergyRmse:F3} vs {capped[g].Test!.EnergyRmse:F3} eV");
        }

        Assert.Equal(above, capped[^1].ExcludedByEnergyCeiling);
        Assert.True(above > 0);
        Assert.True(capped[^1].Validation!.EnergyRmse < 0.5 * reference.Reports[^1].Validation!.EnergyRmse);
        Assert.True(capped[^1].Test!.EnergyRmse < 0.5 * reference.Reports[^1].Test!.EnergyRmse);
    }

    [Fact]
    public async Task RunAsync_BoltzmannLossWeighting_ProtectsTheLowEnergyFitAndKeepsEveryLabel()
    {
        // The soft alternative to the ceiling: the far-above labels stay in training with a small weight.
        var reference = await TinyLoopReference.GetAsync();
        var weighted = await Collect(LoopTestKit.TinyDoubleWell(Dir("weighted"))
            .WithRetraining(new RetrainingOptions { LossWeighting = new BoltzmannLossWeighting { ThermalEnergy = 1 } }).Build().RunAsync());
        for (int g = 0; g < 3; g++)
        {
            output.WriteLine($"gen {g}: validation energy RMSE {reference.Reports[g].Validation!.EnergyRmse:F3} eV unweighted, {weighted[g].Validation!.EnergyRmse:F3} eV weighted; "
                + $"test {reference.Reports[g].Test!.EnergyRmse:F3} vs {weighted[g].Test!.EnergyRmse:F3} eV");
        }

        Assert.All(weighted, r => Assert.Equal(0, r.ExcludedByEnergyCeiling));
        Assert.Equal(reference.Reports[0].DatasetHash, weighted[0].DatasetHash);
        Assert.True(weighted[^1].Validation!.EnergyRmse < 0.5 * reference.Reports[^1].Validation!.EnergyRmse);
        Assert.True(weighted[^1].Test!.EnergyRmse < 0.5 * reference.Reports[^1].Test!.EnergyRmse);
    }
}
