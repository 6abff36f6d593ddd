using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Models;

public class SchNetTrainingTests
{
    [Fact]
    public void PlainTrainingLoop_LennardJonesTrimers_EnergyAndForceLossDropsHundredfold()
    {
        var data = LennardJonesTrimers(20, seed: 3);
        using var model = (SchNetCommitteeTests.Small with { Cutoff = 3.0 }).Create(2, seed: 1);
        model.FitNormalization(data);
        using var optimizer = optim.Adam(model.Parameters(), lr: 5e-3);

        var losses = new List<double>();
        for (int epoch = 0; epoch < 120; epoch++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = Loss(model, data);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }

        double first = losses.Take(5).Average(), last = losses.TakeLast(5).Average();
        Assert.True(last < 0.01 * first, $"loss {first:G3} → {last:G3}");
    }

    /// <summary>Σ over members of MSE(E) + MSE(F) (eV², eV²/Å²) over the whole set, with the force graph kept for training.</summary>
    private static Tensor Loss(ICommitteeModel model, Dataset data)
    {
        var structures = data.Select(s => s.Structure).ToArray();
        using var batch = AtomBatch.FromStructures(structures);
        var x = batch.Positions.detach().clone().requires_grad_(true);
        batch.WithPositions(x);
        var energies = model.MemberEnergies(batch);
        var reference = tensor(data.Select(s => s.Energy).ToArray(), ScalarType.Float32);
        var referenceForces = tensor(data.SelectMany(s => s.Forces).ToArray(), ScalarType.Float32).reshape(-1, 3);
        Tensor loss = zeros([]);
        for (int m = 0; m < model.MemberCount; m++)
        {
            var forces = -autograd.grad([energies[m].sum()], [x], retain_graph: true, create_graph: true)[0];
            loss = loss + (energies[m] - reference).square().mean() + (forces - referenceForces).square().mean();
        }

        return loss;
    }

    /// <summary>Planar trimers with pair distances in [1.05, 1.6] Å, labelled by a Lennard-Jones potential (ε = 1 eV, σ = 1 Å).</summary>
    private static Dataset LennardJonesTrimers(int count, int seed)
    {
        var rng = new Random(seed);
        var samples = new List<LabelledSample>();
        while (samples.Count < count)
        {
            double r1 = 1.05 + 0.55 * rng.NextDouble(), r2 = 1.05 + 0.55 * rng.NextDouble(), angle = (50 + 70 * rng.NextDouble()) * Math.PI / 180;
            double[] p = [0, 0, 0, r1, 0, 0, r2 * Math.Cos(angle), r2 * Math.Sin(angle), 0];
            var s = new AtomicStructure([18, 18, 18], p);
            if (s.MinimumDistance() < 1.05)
            {
                continue;
            }

            double energy = 0;
            var forces = new double[9];
            for (int i = 0; i < 3; i++)
            {
                for (int j = i + 1; j < 3; j++)
                {
                    double r = s.Distance(i, j), s6 = Math.Pow(r, -6);
                    energy += 4 * (s6 * s6 - s6);
                    double dEdr = 4 * (-12 * s6 * s6 + 6 * s6) / r;
                    for (int c = 0; c < 3; c++)
                    {
                        double u = (p[3 * j + c] - p[3 * i + c]) / r;
                        forces[3 * i + c] += dEdr * u;
                        forces[3 * j + c] -= dEdr * u;
                    }
                }
            }

            samples.Add(new LabelledSample(s, energy, forces));
        }

        return new Dataset(samples);
    }
}
