// The paper's Figure 2 comparison on the 2D double well: adversarial sampling (library defaults and the Paper preset,
// with and without a retraining energy ceiling) against random displacements of training points and uniform points
// in the box, every method from the same left-basin data with the same labels per generation, loops paired by seed.
// Usage: dotnet run -c Release --project samples/DoubleWell2D -- [--loops N] [--smoke] [--out DIR] ... (--help)
using AdversarialSampling.Samples.DoubleWell;
using AdversarialSampling.Samples.Shared;

return await SampleHost.RunAsync(args, SampleOptions.Parse, SampleOptions.Usage, o => o.Threads, ComparisonRun.RunAsync);
