using AdversarialSampling.Runs;

namespace AdversarialSampling.Samples.Snippets;

/// <summary>Snippets of docs/run-store-and-resume.md.</summary>
public static class RunStoreSnippets
{
    /// <summary>Reads a run store (read-only; works while the run is going).</summary>
    /// <param name="runDirectory">The run directory.</param>
    public static void Inspect(string runDirectory)
    {
        #region InspectStore
        using var store = RunStore.Open(runDirectory, RunStoreOpenMode.ReadOnly);   // no lock: safe while the run goes on
        RunRecord run = store.GetRun()!;
        Console.WriteLine($"started {run.CreatedUtc:u}, seed {run.Seed}, library {run.LibraryVersion}");

        foreach (PhaseRecord phase in store.GetPhases())
        {
            Console.WriteLine($"generation {phase.Generation} {phase.Phase} committed {phase.CompletedUtc:u}");
        }

        OracleCallCounts calls = store.CountOracleCalls();   // counts only; GetOracleCalls() reads the rows themselves
        Console.WriteLine($"oracle calls: {calls.Succeeded} succeeded, {calls.Failed} failed, {calls.Intent} in flight (or left in flight by a crash)");

        foreach (CandidateRecord candidate in store.GetCandidates(generation: 1))
        {
            Console.WriteLine($"candidate {candidate.Index}: {candidate.Decision} {candidate.Reason} score {candidate.Score:G3} label {candidate.LabelStatus}");
        }
        #endregion
    }
}
