using System.Diagnostics;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Models;

public class ZzPerfProbe(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var nh3 = Enumerable.Range(0, 100).Select(i => TestStructures.Ammonia().WithPositions(TestStructures.Ammonia().Positions.Select((x, k) => x + 0.05 * Math.Sin(i * 7 + k)).ToArray())).ToArray();
        var lj = TestStructures.RandomStructure([.. Enumerable.Repeat(18, 100)], 15.5, 2.8, 1, UnitCell.Orthorhombic(15.5, 15.5, 15.5));
        using var loop = new SchNetSpec { Evaluation = MemberEvaluation.PerMember }.Create(5, 1);
        using var stacked = (new SchNetSpec { Evaluation = MemberEvaluation.Stacked }).Create(5, 1);
        foreach (int threads in new[] { 1 })
        {
            torch.set_num_threads(threads);
            foreach (var (name, model) in new[] { ("loop", loop), ("stacked", stacked) })
            {
                Time($"threads={threads} {name} train-step NH3 x35", () => TrainStep(model, nh3[..35]), 5);
                Time($"threads={threads} {name} attack-step NH3 x100", () => AttackStep(model, nh3), 5);
                Time($"threads={threads} {name} E+F NH3 x100", () => CommitteeTestEvaluator.EnergiesAndForces(model, nh3), 5);
                Time($"threads={threads} {name} E+F LJ100", () => CommitteeTestEvaluator.EnergiesAndForces(model, [lj]), 5);
                Time($"threads={threads} {name} attack LJ100", () => AttackStep(model, [lj]), 3);
            }
        }

        var big = TestStructures.RandomStructure([.. Enumerable.Repeat(18, 1000)], 33, 2.5, 2, UnitCell.Orthorhombic(33, 33, 33));
        Time("neighbour search LJ100 rc 5", () => NeighborSearch.Find(lj, 5.0), 20);
        Time("neighbour search 1000 atoms rc 5", () => NeighborSearch.Find(big, 5.0), 5);
        output.WriteLine($"pairs LJ100: {NeighborSearch.Find(lj, 5.0).Count}, 1000: {NeighborSearch.Find(big, 5.0).Count}");
    }

    private static void TrainStep(ICommitteeModel model, AtomicStructure[] s)
    {
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures(s);
        var x = batch.Positions.detach().clone().requires_grad_(true);
        batch.WithPositions(x);
        var e = model.MemberEnergies(batch);
        Tensor loss = e.square().sum();
        for (int m = 0; m < model.MemberCount; m++)
        {
            var g = autograd.grad([e[m].sum()], [x], retain_graph: true, create_graph: true)[0];
            loss = loss + g.square().sum();
        }

        loss.backward();
    }

    private static void AttackStep(ICommitteeModel model, AtomicStructure[] s)
    {
        model.SetTrainable(false);
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures(s);
        var x = batch.Positions.detach().clone().requires_grad_(true);
        batch.WithPositions(x);
        var e = model.MemberEnergies(batch);
        var forces = new List<Tensor>();
        for (int m = 0; m < model.MemberCount; m++)
        {
            forces.Add(autograd.grad([e[m].sum()], [x], retain_graph: true, create_graph: true)[0]);
        }

        var v = stack(forces.ToArray()).var(0).mean();
        var u = autograd.grad([v], [x])[0];
        model.SetTrainable(true);
    }

    private void Time(string label, Action a, int reps)
    {
        a();
        double best = double.MaxValue;
        for (int i = 0; i < reps; i++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            a();
            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
        }

        output.WriteLine($"{label}: min CPU {best:F1} ms");
    }
}
