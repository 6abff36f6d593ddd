using AdversarialSampling.Attacks;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using static AdversarialSampling.Tests.Attacks.AttackTestKit;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Attacks;

public class ObjectiveGradientTests
{
    public static TheoryData<string, MemberEvaluation, BoltzmannEnergy> Cases => new()
    {
        { "plane", MemberEvaluation.Stacked, BoltzmannEnergy.Total },
        { "plane", MemberEvaluation.PerMember, BoltzmannEnergy.Total },
        { "triatomic", MemberEvaluation.Stacked, BoltzmannEnergy.Total },
        { "triatomic", MemberEvaluation.PerMember, BoltzmannEnergy.PerAtom },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientOfLogObjective_Float64_MatchesCentralFiniteDifferences(string system, MemberEvaluation evaluation, BoltzmannEnergy mode)
    {
        using var scope = NewDisposeScope();
        bool plane = system == "plane";
        using var model = plane ? PlaneCommittee(evaluation: evaluation) : TriatomicCommittee(evaluation: evaluation);
        var seeds = plane ? PlaneSeeds(3) : TriatomicSeeds(2);
        var training = plane ? PlaneTraining() : TriatomicTraining();
        var objective = BoltzmannObjective.FromTraining(training, Temperature.FromThermalEnergy(0.8), mode);
        model.SetTrainable(false);
        using var ab = new AttackBatch(model, seeds, objective, new ForceVariance(), AttackBounds.None, TrainingMinimum(training, objective));
        var rng = new Random(23);
        var start = new double[ab.Batch.AtomCount * 3];
        Gaussian.Fill(rng, start, 0.05);
        var delta = tensor(start, [ab.Batch.AtomCount, 3], ScalarType.Float64);

        var leaf = delta.detach().requires_grad_(true);
        var analytic = autograd.grad([ab.Evaluate(leaf, true, out _, out _).sum()], [leaf])[0].data<double>().ToArray();

        const double h = 1e-5;
        for (int k = 0; k < start.Length; k++)
        {
            var plus = (double[])start.Clone();
            var minus = (double[])start.Clone();
            plus[k] += h;
            minus[k] -= h;
            double fPlus = ab.EvaluateValues(tensor(plus, [ab.Batch.AtomCount, 3], ScalarType.Float64)).LogObjective.Sum();
            double fMinus = ab.EvaluateValues(tensor(minus, [ab.Batch.AtomCount, 3], ScalarType.Float64)).LogObjective.Sum();
            double fd = (fPlus - fMinus) / (2 * h);
            Assert.True(Math.Abs(fd - analytic[k]) <= 1e-6 + (1e-5 * Math.Abs(fd)), $"component {k}: FD {fd:R} vs autograd {analytic[k]:R}");
        }

        if (plane)
        {
            // The toy model reads x and y only: the objective does not depend on z.
            Assert.All(Enumerable.Range(0, seeds.Count), b => Assert.Equal(0.0, analytic[(3 * b) + 2]));
        }
    }
}
