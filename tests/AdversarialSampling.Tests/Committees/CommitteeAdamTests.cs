using AdversarialSampling.Committees;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Committees;

public class CommitteeAdamTests
{
    [Fact]
    public void Step_FiveSteps_MatchesTorchSharpAdamWithPyTorchDefaults()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        var start = randn([3, 4], ScalarType.Float64, generator: generator);
        var gradients = Enumerable.Range(0, 5).Select(_ => randn([3, 4], ScalarType.Float64, generator: generator)).ToArray();
        var ours = new Parameter(start.clone());
        var reference = new Parameter(start.clone());
        using var adam = new CommitteeAdam([ours], learningRate: 0.01);
        using var torchAdam = optim.Adam([reference], lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8);

        foreach (var g in gradients)
        {
            adam.ZeroGrad();
            ours.grad = g.clone();
            adam.Step();
            reference.grad = g.clone();
            torchAdam.step();
        }

        double difference = (ours - reference).abs().max().item<double>();
        double moved = (ours - start).abs().max().item<double>();
        Assert.True(difference < 1e-12, $"largest difference {difference}");
        Assert.True(moved > 0.01, $"parameters moved by {moved}");
    }

    [Fact]
    public void ZeroGradAndStep_DropGradientsAndSkipParametersWithout()
    {
        using var scope = NewDisposeScope();
        var withGradient = new Parameter(ones(2, ScalarType.Float64));
        var without = new Parameter(ones(2, ScalarType.Float64));
        using var adam = new CommitteeAdam([withGradient, without], learningRate: 0.1);
        withGradient.grad = ones(2, ScalarType.Float64);

        adam.Step();
        adam.ZeroGrad();

        Assert.Null(withGradient.grad);
        Assert.Equal(0.9, withGradient[0].item<double>(), 1e-9);
        Assert.Equal(1.0, without[0].item<double>());
    }
}
