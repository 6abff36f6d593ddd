using System.Diagnostics;
using AdversarialSampling.Models;
using AdversarialSampling.Uncertainty;
using static TorchSharp.torch;

namespace AdversarialSampling.Benchmarks;

internal static class Scratch
{
    public static int Run(string[] args)
    {
        set_num_threads(TimingMode.Int(args, "--threads", 2));
        int width = TimingMode.Int(args, "--width", 128);
        using var model = DoubleWellBench.Committee(width, 4);
        model.SetTrainable(false);
        var seeds = DoubleWellBench.Seeds(100);
        using var batch = AtomBatch.FromStructures(seeds, model.DType);
        var metric = new ForceVariance();
        var delta = zeros(100, 3);
        for (int variant = 0; variant < 3; variant++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 100; i++)
            {
                using var scope = NewDisposeScope();
                var leaf = delta.detach().requires_grad_(true);
                var x = batch.Positions + leaf;
                var output = CommitteeEvaluator.Evaluate(model, batch, x, variant > 0);
                if (variant == 2)
                {
                    var u = metric.Evaluate(output.Energies, output.Forces, batch.StructureIndex, 100);
                    var loss = u.log().sum() - output.Energies.mean([0]).sum();
                    var g = autograd.grad([loss], [leaf])[0];
                }
            }

            Console.WriteLine($"variant {variant}: {clock.Elapsed.TotalMilliseconds / 100:F2} ms/step");
        }

        return 0;
    }
}
