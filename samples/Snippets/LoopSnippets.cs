using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.Loop;
using AdversarialSampling.Models;
using AdversarialSampling.Potentials;
using AdversarialSampling.Selection;

namespace AdversarialSampling.Samples.Snippets;

/// <summary>Snippets of docs/anatomy-of-a-generation.md and docs/getting-started.md.</summary>
public static class LoopSnippets
{
    /// <summary>A small double-well loop with a progress receiver, printing what each generation did.</summary>
    /// <param name="runDirectory">The run directory (must not hold a run).</param>
    /// <returns>A task.</returns>
    public static async Task RunWithProgressAsync(string runDirectory)
    {
        #region LoopWithProgress
        var initial = DoubleWell2D.InitialTrainingSet(points: 240, maxEnergy: -2, seed: 1);
        var loop = ActiveLearningLoop.CreateBuilder()
            .WithCommittee(new MlpSpec { InputComponents = [0, 1], Width = 32, Depth = 3 },
                           new CommitteeOptions { Members = 3, Training = new TrainingOptions { Epochs = 15, LearningRate = 1e-2 } })
            .WithOracle(new DoubleWell2D())
            .WithInitialData(initial)
            .AddExplorer(new GradientAttack(GradientAttackOptions.Paper() with { Steps = 40, LearningRate = 2e-2 }))
            .WithSelection(new SelectionOptions { Cap = 8, RmsdMode = RmsdMode.Plain })
            .WithGenerations(2)
            .WithRunDirectory(runDirectory)
            .WithProgress(new SyncProgress<LoopProgress>(p => Console.WriteLine($"  gen {p.Generation} {p.Phase} {p.Kind}")))
            .Build();

        await foreach (GenerationReport report in loop.RunAsync())
        {
            Console.WriteLine($"generation {report.Generation}: +{report.LabelsAdded} labels, dataset {report.DatasetSize}");
            Console.WriteLine($"  candidates: {string.Join(", ", report.CandidatesByReason.Select(r => $"{r.Key} {r.Value}"))}");
            Console.WriteLine($"  phases: {string.Join(", ", report.PhaseTimings.Select(t => $"{t.Key} {t.Value.TotalSeconds:F1} s"))}");
        }
        #endregion
    }
}
