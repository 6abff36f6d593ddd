// Issue #6 on the NH3 nitrogen inversion with xtb (GFN2) as the oracle: adversarial sampling with the library defaults and
// with the Paper preset against MD-based active learning, from the same xtb-labelled sub-barrier data with the same label
// budget, paired by seed; per generation the committee inversion barrier against xtb's and the NN-MD stability test.
// Usage: dotnet run -c Release --project samples/AmmoniaInversion -- [--seeds N] [--smoke] [--out DIR] ... (--help)
using AdversarialSampling.Samples.Ammonia;
using AdversarialSampling.Samples.Shared;

return await SampleHost.RunAsync(args, SampleOptions.Parse, SampleOptions.Usage, o => o.Threads, ComparisonRun.RunAsync);
