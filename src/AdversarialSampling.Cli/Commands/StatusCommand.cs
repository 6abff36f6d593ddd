using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdversarialSampling.Cli.Display;
using AdversarialSampling.Loop;
using AdversarialSampling.Runs;
using AdversarialSampling.Selection;

namespace AdversarialSampling.Cli.Commands;

/// <summary>
/// <c>status RUNDIR</c>: where a run stands, read from its run store without taking the writer's lock (so it works
/// while <c>run</c> or <c>resume</c> is going, on the submit host of a cluster job, and never disturbs them).
/// </summary>
internal static class StatusCommand
{
    /// <summary>The stored phase names in the order a generation commits them (generation 0: merge, train, evaluate, report).</summary>
    private static readonly string[] PhaseOrder = [.. Enum.GetValues<LoopPhase>().Select(PhaseName)];

    /// <summary>A phase's name in the run store, as the loop writes it: the lower-case <see cref="LoopPhase"/> name.</summary>
    private static string PhaseName(LoopPhase phase) => phase.ToString().ToLowerInvariant();

    public static Command Create()
    {
        var runDirectory = new Argument<DirectoryInfo>("RUNDIR") { Description = "The run directory (holds run.db), written by 'run' or by an application's ActiveLearningLoop." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of lines: runDirectory, state (stopped, complete or inProgress), reportedGenerations, stop (generation, reason failureRatioExceeded or trainingFailed, message; null unless stopped), oracleCalls (succeeded, failed, inFlight: the run's whole ledger), current (generation, committedPhases, labelling, training: the epoch after which an unfinished training saved its state, and when), holder, and reports (each generation's report.json)." };
        var command = new Command(
            "status",
            "Show where a run stands, read-only (works while the run is going and never blocks it): one summary line per finished generation, the oracle calls of the whole run (succeeded, failed or rejected, in flight or interrupted), the phases committed in the generation under way and, while it labels, the oracle calls made so far (labelled, failed, in flight), whether the run completed or stopped for good, and which process holds the run directory. Exit code 0; 1 for a directory without a run store or a damaged store; 2 for a missing directory.")
        {
            runDirectory, json,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string directory = parse.GetValue(runDirectory)!.FullName;
            if (!Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"No run directory '{directory}'.");
            }

            RunStatus status;
            using (var store = RunStore.Open(directory, RunStoreOpenMode.ReadOnly))
            {
                status = RunStatus.Read(store, directory);
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(status.ToJson().ToJsonString());
            }
            else
            {
                foreach (string line in status.Lines())
                {
                    Console.Out.WriteLine(line);
                }
            }
        }));
        return command;
    }

    /// <summary>What the store says about a run.</summary>
    private sealed record RunStatus(
        string Directory, IReadOnlyList<GenerationReport> Reports, LoopStop? Stop, int? CurrentGeneration, IReadOnlyList<string> CurrentPhases, LabelRequests? Labels, SavedTrainingState? Training, OracleCallCounts Ledger, RunHolder? Holder)
    {
        public static RunStatus Read(RunStore store, string directory)
        {
            var phases = store.GetPhases();
            var reports = ActiveLearningLoop.ReadReports(store);
            // A stop for good: a failure ratio exceeded (recorded with that generation's report) or a training that
            // diverged before its first epoch (recorded before the generation explored; no report).
            var stop = ActiveLearningLoop.ReadStop(store);
            // Complete when the last report says so, unless a resume with more generations has committed work beyond it.
            bool beyond = phases.Any(p => p.Generation >= reports.Count && PhaseOrder.Contains(p.Phase));
            bool complete = reports.Count > 0 && reports[^1].StopReason == LoopStopReason.Completed && !beyond;
            int? current = stop is not null || complete ? null : reports.Count;
            var committed = current is int g
                ? PhaseOrder.Where(name => phases.Any(p => p.Generation == g && p.Phase == name)).ToList()
                : [];
            var select = current is int gen && !committed.Contains(PhaseName(LoopPhase.Label)) ? phases.FirstOrDefault(p => p.Generation == gen && p.Phase == PhaseName(LoopPhase.Select)) : null;
            LabelRequests? labels = select is null ? null : LabelRequests.Of(store, select.Generation, select.CompletedUtc);
            // A training of the generation under way that saved its state (a resume continues after that epoch).
            var training = current is int t && !committed.Contains(PhaseName(LoopPhase.Train)) && ActiveLearningLoop.ReadSavedTrainingState(store) is { } saved && saved.Generation == t
                ? saved
                : null;
            return new RunStatus(directory, reports, stop, current, committed, labels, training, store.CountOracleCalls(), RunStore.FindHolder(directory));
        }

        /// <summary>"stopped" (for good), "complete", or "inProgress" (running, paused, or interrupted: see the holder).</summary>
        public string State => Stop is not null ? "stopped" : CurrentGeneration is null ? "complete" : "inProgress";

        public IEnumerable<string> Lines()
        {
            yield return $"run directory: {Directory}";
            foreach (var report in Reports)
            {
                yield return GenerationSummary.Line(report, LoopSession.ReportPath(Directory, report.Generation));
            }

            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"oracle calls of the run: {Ledger.Succeeded} succeeded, {Ledger.Failed} failed or rejected, {Ledger.Intent} in flight or interrupted");

            yield return State switch
            {
                "stopped" => $"stopped for good at generation {Stop!.Generation}: {CliErrors.OneLine(Stop.Message)}",
                "complete" => string.Create(CultureInfo.InvariantCulture, $"complete: generations 0–{Reports[^1].Generation}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"generation {CurrentGeneration} under way: {(CurrentPhases.Count == 0 ? "no phase committed yet" : "committed " + string.Join(", ", CurrentPhases))}{(Labels is { } l ? "; " + l.Line() : "")}{(Training is { } s ? "; " + TrainingLine(s) : "")}"),
            };
            yield return Holder is null
                ? "no process holds the run directory" + (State == "inProgress" ? $"; continue with: adversarial-sampling resume {Directory}" : "")
                : $"held by {Describe(Holder)}";
        }

        private static string TrainingLine(SavedTrainingState saved) => string.Create(
            CultureInfo.InvariantCulture,
            $"training: state saved after epoch {saved.Epoch?.ToString(CultureInfo.InvariantCulture) ?? "?"} at {saved.SavedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");

        private static string Describe(RunHolder holder) => string.Create(
            CultureInfo.InvariantCulture,
            $"process {holder.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "?"} on {holder.Host ?? "?"} since {holder.Since?.ToString("u", CultureInfo.InvariantCulture) ?? "?"}");

        public JsonObject ToJson() => new()
        {
            ["runDirectory"] = Directory,
            ["state"] = State,
            ["reportedGenerations"] = Reports.Count,
            ["stop"] = Stop is { } stop
                ? new JsonObject
                {
                    ["generation"] = stop.Generation,
                    ["reason"] = stop.Reason.ToString(), // spelled as report.json spells stopReason
                    ["message"] = stop.Message,
                }
                : null,
            ["oracleCalls"] = new JsonObject { ["succeeded"] = Ledger.Succeeded, ["failed"] = Ledger.Failed, ["inFlight"] = Ledger.Intent },
            ["current"] = CurrentGeneration is int g
                ? new JsonObject
                {
                    ["generation"] = g,
                    ["committedPhases"] = new JsonArray([.. CurrentPhases.Select(p => (JsonNode)p)]),
                    ["labelling"] = Labels?.ToJson(),
                    ["training"] = Training is { } s
                        ? new JsonObject { ["savedAfterEpoch"] = s.Epoch, ["savedUtc"] = s.SavedUtc.ToString("O", CultureInfo.InvariantCulture) }
                        : null,
                }
                : null,
            ["holder"] = Holder is { } h
                ? new JsonObject { ["processId"] = h.ProcessId, ["host"] = h.Host, ["since"] = h.Since?.ToString("O", CultureInfo.InvariantCulture) }
                : null,
            ["reports"] = new JsonArray([.. Reports.Select(r => JsonNode.Parse(r.ToJson()))]),
        };
    }

    /// <summary>
    /// The labelling of a generation under way: its accepted candidates and the oracle calls made since its selection
    /// was committed (labelling is the only phase that calls the oracle). A request whose result the store already holds
    /// makes no call; it is counted as reused when the label phase commits.
    /// </summary>
    private sealed record LabelRequests(int Accepted, int Labelled, int Failed, int InFlight)
    {
        public static LabelRequests Of(RunStore store, int generation, DateTimeOffset selected)
        {
            var calls = store.CountOracleCalls(createdSince: selected);
            return new LabelRequests(
                store.GetCandidates(generation).Count(c => c.Decision == nameof(DecisionReason.Accepted)),
                calls.Succeeded,
                calls.Failed,
                calls.Intent);
        }

        public string Line() => string.Create(
            CultureInfo.InvariantCulture,
            $"labelling {Accepted} accepted candidates: {Labelled} labelled, {Failed} failed, {InFlight} in flight so far");

        public JsonObject ToJson() => new()
        {
            ["accepted"] = Accepted,
            ["labelled"] = Labelled,
            ["failed"] = Failed,
            ["inFlight"] = InFlight,
        };
    }
}
