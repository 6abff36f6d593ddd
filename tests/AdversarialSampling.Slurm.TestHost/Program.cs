using System.Globalization;
using AdversarialSampling.Runs;
using AdversarialSampling.Slurm.TestHost;

// Usage:
//   label RUNDIR WORKROOT COUNTFILE N SLEEP   label FakeQcOracle.Molecules(N) through SLURM (SLURM_CONF from the
//                                             environment), all N calls at once, each job sleeping SLEEP s;
//                                             prints "DONE <completed|paused> <labelled>" (the tests kill it before).
// Exit codes: 0 done, 2 usage, 4 run-store error.
//   label-local …                             the same with LocalJobLauncher (detached local jobs with leases), no SLURM.
if (args.Length != 6 || args[0] is not ("label" or "label-local"))
{
    Console.Error.WriteLine("usage: label|label-local RUNDIR WORKROOT COUNTFILE N SLEEP");
    return 2;
}

try
{
    string runDirectory = args[1];
    int n = int.Parse(args[4], CultureInfo.InvariantCulture);
    double sleep = double.Parse(args[5], CultureInfo.InvariantCulture);
    var mode = File.Exists(Path.Combine(runDirectory, RunStore.DatabaseFileName)) ? RunStoreOpenMode.OpenExisting : RunStoreOpenMode.CreateNew;
    using var store = RunStore.Open(runDirectory, mode);
    var oracle = args[0] == "label"
        ? SlurmTestSetup.Oracle(Path.Combine(args[2], "program"), args[3], sleep, SlurmTestSetup.Options(args[2]))
        : SlurmTestSetup.LocalJobOracle(Path.Combine(args[2], "program"), args[3], sleep, args[2]);
    var requests = FakeQcOracle.Molecules(n).Select(s => new LabelRequest(s)).ToList();
    Console.WriteLine("LABELLING");
    Console.Out.Flush();
    var result = await new LabellingEngine(store).LabelAsync(oracle, requests, new LabellingOptions { MaxConcurrency = n });
    Console.WriteLine($"DONE {result.Status} {result.Outcomes.Count(o => o.Status == LabelStatus.Labelled)}");
    return 0;
}
catch (RunStoreException e)
{
    Console.WriteLine($"ERROR {e.Message}");
    return 4;
}
