// The paper's Figure 2 comparison on the 2D double well: adversarial sampling (library defaults and the Paper preset,
// with and without a retraining energy ceiling) against random displacements of training points and uniform points
// in the box, every method from the same left-basin data with the same labels per generation, loops paired by seed.
// Usage: dotnet run -c Release --project samples/DoubleWell2D -- [--loops N] [--smoke] [--out DIR] ... (--help)
using AdversarialSampling.Samples.DoubleWell;

SampleOptions? options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options is null)
{
    Console.WriteLine(SampleOptions.Usage);
    return 0;
}

TorchSharp.torch.set_num_threads(options.Threads);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var document = await ComparisonRun.RunAsync(options, Console.Out, cancellation.Token);
Console.WriteLine(document["acceptance"]?.ToJsonString(ComparisonResults.JsonOptions));
return 0;
