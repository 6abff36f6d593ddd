// The paper's 1D double-well comparison: adversarial sampling (library defaults and the Paper preset) against random
// displacements of training points and uniform points on the line, every method from the same deep-well data with the
// same labels per generation, loops paired by seed.
// Usage: dotnet run -c Release --project samples/DoubleWell1D -- [--loops N] [--smoke] [--out DIR] ... (--help)
using AdversarialSampling.Samples.OneDimension;
using AdversarialSampling.Samples.Shared;

return await SampleHost.RunAsync(args, Options1D.Parse, Options1D.Usage, o => o.Threads, Comparison1D.RunAsync);
