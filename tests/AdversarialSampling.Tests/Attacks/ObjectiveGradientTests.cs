using AdversarialSampling.Attacks;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using static AdversarialSampling.Tests.Attacks.AttackTestKit;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Attacks;

public class ObjectiveGradientTests
{
    /// <summary>Model × system × energy mode. Any <see cref="ICommitteeModel"/> belongs here (SchNet: "schnet", "triatomic").</summary>
    public static TheoryData<string, string, BoltzmannEnergy> Cases => new()
    {
        { "mlp-stacked", "plane", BoltzmannEnergy.Total },
        { "mlp-per-member", "plane", BoltzmannEnergy.Total },
        { "mlp-stacked", "triatomic", BoltzmannEnergy.Total },
        { "mlp-per-member", "triatomic", BoltzmannEnergy.PerAtom },
        { "schnet", "triatomic", BoltzmannEnergy.Total },
    };

    private static ICommitteeModel Model(string model, bool plane) => model switch
    {
        "mlp-stacked" => plane ? PlaneCommittee(evaluation: MemberEvaluation.Stacked) : TriatomicCommittee(evaluation: MemberEvaluation.Stacked),
        "mlp-per-member" => plane ? PlaneCommittee(evaluation: MemberEvaluation.PerMember) : TriatomicCommittee(evaluation: MemberEvaluation.PerMember),
        "schnet" => new SchNetSpec { Cutoff = 3.0 }.Create(3, 2, ScalarType.Float64),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientOfLogObjective_Float64_MatchesCentralFiniteDifferences(string modelName, string system, BoltzmannEnergy mode)
    {
        using var scope = NewDisposeScope();
        bool plane = system == "plane";
        using var model = Model(modelName, plane);
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

        if (plane && modelName.StartsWith("mlp", StringComparison.Ordinal))
        {
            // The toy model reads x and y only: the objective does not depend on z.
            Assert.All(Enumerable.Range(0, seeds.Count), b => Assert.Equal(0.0, analytic[(3 * b) + 2]));
        }
    }
}
