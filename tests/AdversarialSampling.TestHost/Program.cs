using AdversarialSampling.Runs;
using AdversarialSampling.TestHost;

// Usage:
//   hold RUNDIR                                  open (or create) the store, print "HOLDING <pid>", wait for a line on stdin
//   label RUNDIR COUNTFILE N BLOCKAT before|after   label CrashScenario.Requests(N); call BLOCKAT (-1: none) blocks after
//                                                printing "BLOCKED <key>", before or after being counted; prints "DONE <result>"
//   loop RUNDIR COUNTFILE KILL                   run (or resume, when RUNDIR has a store) TinyLoop with a CountingOracle over
//                                                DoubleWell2D; KILL = "none", "G:PHASE" (SIGKILL itself right after that phase
//                                                commit) or "call:K" (SIGKILL itself inside its K-th oracle call, before it is
//                                                counted) or "epoch:G:E" (SIGKILL itself before epoch E of generation G's
//                                                training); prints "EPOCH epoch:G:E" before each epoch attempt, and
//                                                "KILLING <where>", or "DONE <final dataset hash>" at the end
// Exit codes: 0 done, 2 usage, 3 run directory locked, 4 other run-store error.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: hold RUNDIR | label RUNDIR COUNTFILE N BLOCKAT before|after | loop RUNDIR COUNTFILE KILL");
    return 2;
}

string runDirectory = args[1];
if (args[0] == "loop" && args.Length == 4)
{
    return await LoopCommand.RunAsync(runDirectory, args[2], args[3]);
}

try
{
    var mode = File.Exists(Path.Combine(runDirectory, RunStore.DatabaseFileName)) ? RunStoreOpenMode.OpenExisting : RunStoreOpenMode.CreateNew;
    using var store = RunStore.Open(runDirectory, mode);
    switch (args[0])
    {
        case "hold":
            Console.WriteLine($"HOLDING {Environment.ProcessId}");
            Console.Out.Flush();
            Console.In.ReadLine();
            return 0;
        case "label" when args.Length == 6:
            var oracle = new CountingOracle(CrashScenario.Oracle(), args[2])
            {
                BlockAtCall = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) is int b and >= 0 ? b : null,
                BlockAfterCounting = args[5] == "after",
                OnBlocked = key =>
                {
                    Console.WriteLine($"BLOCKED {key}");
                    Console.Out.Flush();
                },
            };
            var requests = CrashScenario.Requests(int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
            var result = await new LabellingEngine(store).LabelAsync(oracle, requests);
            Console.WriteLine($"DONE {result}");
            return 0;
        default:
            Console.Error.WriteLine($"unknown command '{args[0]}'");
            return 2;
    }
}
catch (RunLockedException e)
{
    Console.WriteLine($"LOCKED {e.Message}");
    return 3;
}
catch (RunStoreException e)
{
    Console.WriteLine($"ERROR {e.Message}");
    return 4;
}
