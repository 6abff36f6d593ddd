// Issue #6 on the NH3 nitrogen inversion with xtb (GFN2) as the oracle: adversarial sampling with the library defaults and
// with the Paper preset against MD-based active learning, from the same xtb-labelled sub-barrier data with the same label
// budget, paired by seed; per generation the committee inversion barrier against xtb's and the NN-MD stability test.
// Usage: dotnet run -c Release --project samples/AmmoniaInversion -- [--seeds N] [--smoke] [--out DIR] ... (--help)
using AdversarialSampling.Samples.Ammonia;

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
Console.WriteLine(document["acceptance"]?.ToJsonString(Results.JsonOptions));
return 0;
