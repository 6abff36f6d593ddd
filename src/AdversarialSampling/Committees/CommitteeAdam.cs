using AdversarialSampling.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdversarialSampling.Committees;

/// <summary>
/// Adam (Kingma and Ba, 2015) with PyTorch's defaults β1 = 0.9, β2 = 0.999, ε = 1e-8 and no weight decay, written
/// for the committee trainer's hot path: 6 tensor operations per parameter and step (TorchSharp's Adam uses 8 and
/// an extra temporary), the bias corrections folded into scalars, and gradients dropped rather than zeroed
/// between steps (<see cref="ZeroGrad"/>), so backward writes fresh gradients instead of adding to zeros.
/// Update: m ← m + (1 − β1)(g − m); v ← β2·v + (1 − β2)·g²;
/// p ← p − (lr·√(1 − β2ᵗ) / (1 − β1ᵗ)) · m / (√v + ε·√(1 − β2ᵗ)), which equals PyTorch's
/// p − lr/(1 − β1ᵗ) · m / (√v/√(1 − β2ᵗ) + ε). Parameters without a gradient are skipped (no state update).
/// </summary>
internal sealed class CommitteeAdam : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly Parameter[] _parameters;
    private readonly Tensor[] _average;
    private readonly Tensor[] _averageSquare;
    private readonly long[] _steps;

    /// <summary>Creates zeroed moment estimates for every parameter.</summary>
    /// <param name="parameters">The parameters to optimise.</param>
    /// <param name="learningRate">Initial learning rate.</param>
    public CommitteeAdam(IEnumerable<Parameter> parameters, double learningRate)
    {
        _parameters = [.. parameters];
        using var scope = NewDisposeScope();
        _average = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _averageSquare = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _steps = new long[_parameters.Length];
        LearningRate = learningRate;
    }

    /// <summary>The learning rate of the next steps.</summary>
    public double LearningRate { get; set; }

    /// <summary>Drops every parameter's gradient (the next backward pass writes it afresh).</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            var g = p.grad;
            if (g is not null)
            {
                p.grad = null;
                g.Dispose();
            }
        }
    }

    /// <summary>One Adam step for every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var g = _parameters[i].grad;
            if (g is null)
            {
                continue;
            }

            long t = ++_steps[i];
            double correction1 = 1 - Math.Pow(Beta1, t);
            double root2 = Math.Sqrt(1 - Math.Pow(Beta2, t));
            using var beta2 = TorchScalars.Of(Beta2);
            using var squareWeight = TorchScalars.Of(1 - Beta2);
            using var epsilon = TorchScalars.Of(Epsilon * root2);
            using var step = TorchScalars.Of(-LearningRate * root2 / correction1);
            _average[i].lerp_(g, 1 - Beta1); // a 0-dim tensor weight (lerp_ takes a Tensor), held by the dispose scope
            _averageSquare[i].mul_(beta2).addcmul_(g, g, squareWeight);
            var denominator = _averageSquare[i].sqrt().add_(epsilon, TorchScalars.IntOne);
            _parameters[i].addcdiv_(_average[i], denominator, step);
        }
    }

    /// <summary>Parameter <paramref name="index"/>'s moments (raw values, row-major) and step count, for a training state.</summary>
    internal (byte[] Average, byte[] AverageSquare, long Steps) StateOf(int index)
        => (TrainingState.BytesOf(_average[index]), TrainingState.BytesOf(_averageSquare[index]), _steps[index]);

    /// <summary>Restores parameter <paramref name="index"/>'s moments and step count from a training state.</summary>
    internal void Restore(int index, byte[] average, byte[] averageSquare, long steps)
    {
        TrainingState.CopyInto(_average[index], average);
        TrainingState.CopyInto(_averageSquare[index], averageSquare);
        _steps[index] = steps;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _average.Concat(_averageSquare))
        {
            t.Dispose();
        }
    }
}
