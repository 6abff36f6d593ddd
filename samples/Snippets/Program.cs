// The code snippets of docs/*.md, compiled here (a test checks each marked doc block equals its #region).
// Usage: dotnet run --project samples/Snippets -- [metrics|objective|loop DIR|store DIR]
using AdversarialSampling.Samples.Snippets;

string what = args.Length > 0 ? args[0] : "metrics";
switch (what)
{
    case "metrics":
        UncertaintySnippets.Metrics();
        break;
    case "objective":
        ObjectiveSnippets.Objective();
        break;
    case "loop":
        await LoopSnippets.RunWithProgressAsync(args.Length > 1 ? args[1] : Path.Combine("out", "snippets-run"));
        break;
    case "store":
        RunStoreSnippets.Inspect(args.Length > 1 ? args[1] : Path.Combine("out", "snippets-run"));
        break;
    default:
        Console.Error.WriteLine($"unknown snippet '{what}'; use metrics, objective, loop DIR or store DIR");
        return 1;
}

return 0;
