using System.Text.Json;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.TestSupport;
using static AdversarialSampling.Tests.TestSupport.TensorTestHelpers;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Models;

public class MlpCommitteeTests
{
    private static MlpSpec Spec(MemberEvaluation evaluation, int atoms = 2, int width = 16, int depth = 3)
        => new() { AtomCount = atoms, Width = width, Depth = depth, Evaluation = evaluation };

    [Theory]
    [InlineData(MemberEvaluation.Stacked)]
    [InlineData(MemberEvaluation.PerMember)]
    public void Evaluate_Float64_ForcesEqualMinusFiniteDifferenceGradient(MemberEvaluation evaluation)
    {
        using var model = Spec(evaluation).Create(3, seed: 7, ScalarType.Float64);
        var structures = ToyData.RandomStructures(2, atoms: 2, seed: 1);
        var (_, forces) = Evaluate(model, structures);
        const double h = 1e-5;
        for (int s = 0; s < structures.Count; s++)
        {
            for (int k = 0; k < 6; k++)
            {
                var plus = structures[s].Positions.ToArray();
                var minus = structures[s].Positions.ToArray();
                plus[k] += h;
                minus[k] -= h;
                var (ePlus, _) = Evaluate(model, [structures[s].WithPositions(plus)]);
                var (eMinus, _) = Evaluate(model, [structures[s].WithPositions(minus)]);
                for (int m = 0; m < 3; m++)
                {
                    double fd = -(ePlus[m] - eMinus[m]) / (2 * h);
                    double analytic = forces[(m * 4 * 3) + (s * 6) + k];
                    Assert.True(Math.Abs(fd - analytic) <= 1e-7 + (1e-6 * Math.Abs(fd)), $"member {m}, structure {s}, component {k}: FD {fd:R} vs autograd {analytic:R}");
                }
            }
        }
    }

    [Theory]
    [InlineData(ScalarType.Float32, 2e-5)]
    [InlineData(ScalarType.Float64, 1e-12)]
    public void Create_StackedAndPerMember_GiveTheSameWeightsAndPredictions(ScalarType dtype, double tolerance)
    {
        using var stacked = Spec(MemberEvaluation.Stacked).Create(4, seed: 3, dtype);
        using var perMember = Spec(MemberEvaluation.PerMember).Create(4, seed: 3, dtype);
        Assert.IsType<StackedMlpCommittee>(stacked);
        Assert.IsType<MemberCommitteeModel>(perMember);
        for (int m = 0; m < 4; m++)
        {
            var a = MemberWeights(stacked, m);
            var b = MemberWeights(perMember, m);
            Assert.Equal(a.Count, b.Count);
            for (int i = 0; i < a.Count; i++)
            {
                Assert.Equal(a[i], b[i]);
            }
        }

        var structures = ToyData.RandomStructures(5, atoms: 2, seed: 2);
        var (eS, fS) = Evaluate(stacked, structures);
        var (eP, fP) = Evaluate(perMember, structures);
        AllClose(eP, eS, tolerance, tolerance);
        AllClose(fP, fS, tolerance, tolerance);
    }

    [Theory]
    [InlineData(MemberEvaluation.Stacked)]
    [InlineData(MemberEvaluation.PerMember)]
    public void Evaluate_Batch_EqualsOneByOne(MemberEvaluation evaluation)
    {
        using var model = Spec(evaluation).Create(3, seed: 5);
        var structures = ToyData.RandomStructures(6, atoms: 2, seed: 4);
        var (eBatch, fBatch) = Evaluate(model, structures);
        for (int s = 0; s < structures.Count; s++)
        {
            var (e, f) = Evaluate(model, [structures[s]]);
            for (int m = 0; m < 3; m++)
            {
                Assert.Equal(e[m], eBatch[(m * 6) + s], 5);
                AllClose(f[(m * 6)..((m * 6) + 6)], fBatch[((m * 36) + (s * 6))..((m * 36) + (s * 6) + 6)], 1e-5, 1e-5);
            }
        }
    }

    [Theory]
    [InlineData(MemberEvaluation.Stacked)]
    [InlineData(MemberEvaluation.PerMember)]
    public void Create_Members_ShareNoParameterWithinOrAcrossMembers(MemberEvaluation evaluation)
    {
        using var model = Spec(evaluation, width: 8, depth: 4).Create(3, seed: 0);
        using var scope = NewDisposeScope();

        // Storage: every member's view of every parameter occupies its own bytes.
        var regions = new List<(long Start, long End, string Name)>();
        foreach (var (p, index) in model.ParameterOwnership()!.Select((p, i) => (p, i)))
        {
            var views = p.IsStacked
                ? Enumerable.Range(0, 3).Select(m => (View: p.Parameter[m], Member: m))
                : [(View: (Tensor)p.Parameter, Member: p.Member!.Value)];
            foreach (var (view, member) in views)
            {
                long start = (long)view.storage<float>().data_ptr() + (4 * view.storage_offset());
                regions.Add((start, start + (4 * view.numel()), $"parameter {index} member {member}"));
            }
        }

        var sorted = regions.OrderBy(r => r.Start).ToList();
        for (int i = 1; i < sorted.Count; i++)
        {
            Assert.True(sorted[i].Start >= sorted[i - 1].End, $"{sorted[i - 1].Name} and {sorted[i].Name} share memory.");
        }

        // Values: hidden layers (same shape) differ within a member, and each layer differs across members.
        var weights = Enumerable.Range(0, 3).Select(m => MemberWeights(model, m)).ToList();
        for (int m = 0; m < 3; m++)
        {
            // Layout: weight0, bias0, weight1, bias1, ... ; hidden weights are 1 and 2 (8×8).
            Assert.NotEqual(weights[m][2], weights[m][4]);
            for (int other = m + 1; other < 3; other++)
            {
                for (int l = 0; l < 4; l++)
                {
                    Assert.NotEqual(weights[m][2 * l], weights[other][2 * l]);
                }
            }
        }
    }

    [Fact]
    public void Create_SameSeed_GivesIdenticalWeightsAndOtherSeedDiffers()
    {
        using var a = Spec(MemberEvaluation.Stacked).Create(2, seed: 11);
        using var b = Spec(MemberEvaluation.Stacked).Create(2, seed: 11);
        using var c = Spec(MemberEvaluation.Stacked).Create(2, seed: 12);
        Assert.Equal(AllWeights(a), AllWeights(b));
        Assert.NotEqual(AllWeights(a), AllWeights(c));
    }

    [Fact]
    public void Create_XavierInitialisation_WeightsWithinBoundAndBiasesZero()
    {
        using var model = Spec(MemberEvaluation.PerMember, atoms: 1, width: 32, depth: 2).Create(1, seed: 0, ScalarType.Float64);
        var w = MemberWeights(model, 0);
        double bound0 = Math.Sqrt(6.0 / (3 + 32)), bound1 = Math.Sqrt(6.0 / (32 + 1));
        Assert.All(w[0], v => Assert.InRange(v, -bound0, bound0));
        Assert.All(w[2], v => Assert.InRange(v, -bound1, bound1));
        Assert.True(w[0].Max() > 0.8 * bound0 && w[0].Min() < -0.8 * bound0);
        Assert.All(w[1], v => Assert.Equal(0, v));
        Assert.All(w[3], v => Assert.Equal(0, v));
    }

    [Fact]
    public void Evaluate_CreateGraph_ForcesAreDifferentiableWithRespectToPositions()
    {
        // Double backpropagation (what the attack needs): d/dx of Σ_m |F_m|² against finite differences.
        using var model = Spec(MemberEvaluation.Stacked, atoms: 1).Create(3, seed: 2, ScalarType.Float64);
        var structure = ToyData.Point(0.3, -0.2);
        double Objective(double[] x, out double[] gradient)
        {
            using var scope = NewDisposeScope();
            using var batch = AtomBatch.FromStructures([structure.WithPositions(x)], ScalarType.Float64);
            var positions = batch.Positions.detach().requires_grad_(true);
            var output = CommitteeEvaluator.Evaluate(model, batch, positions, createGraph: true);
            var value = output.Forces.square().sum();
            gradient = ToArray(autograd.grad([value], [positions])[0]);
            return value.item<double>();
        }

        double[] x0 = [0.3, -0.2, 0.1];
        Objective(x0, out var analytic);
        for (int k = 0; k < 3; k++)
        {
            var plus = (double[])x0.Clone();
            var minus = (double[])x0.Clone();
            plus[k] += 1e-5;
            minus[k] -= 1e-5;
            double fd = (Objective(plus, out _) - Objective(minus, out _)) / 2e-5;
            Assert.True(Math.Abs(fd - analytic[k]) <= 1e-6 + (1e-5 * Math.Abs(fd)), $"component {k}: FD {fd:R} vs double backprop {analytic[k]:R}");
        }
    }

    [Fact]
    public void MemberEnergies_StructureWithOtherAtomCount_ThrowsNamingTheStructure()
    {
        using var model = Spec(MemberEvaluation.Stacked, atoms: 2).Create(2, seed: 0);
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures([.. ToyData.RandomStructures(1, 2, 0), .. ToyData.RandomStructures(1, 3, 0)]);
        var ex = Assert.Throws<ArgumentException>(() => model.MemberEnergies(batch));
        Assert.Contains("structure 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InvalidSpec_ListsEveryProblem()
    {
        var spec = new MlpSpec { AtomCount = 1, Width = 0, Depth = 0, InputComponents = [0, 5, 0] };
        var problems = spec.Validate();
        Assert.Contains(problems, p => p.Contains("Width", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Depth", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("InputComponents[1] = 5", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("repeat", StringComparison.Ordinal));
        var ex = Assert.Throws<ArgumentException>(() => spec.Create(0, 0));
        Assert.Contains("Member count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluation_Auto_PicksStackedForNarrowAndPerMemberForWideNetworks()
    {
        Assert.Equal(MemberEvaluation.Stacked, new MlpSpec { Width = 128 }.ResolvedEvaluation);
        Assert.Equal(MemberEvaluation.PerMember, new MlpSpec { Width = 1024 }.ResolvedEvaluation);
        Assert.Equal(MemberEvaluation.Stacked, new MlpSpec { Width = 1024, Evaluation = MemberEvaluation.Stacked }.ResolvedEvaluation);
    }

    [Fact]
    public void InputComponents_XAndY_MakeTheModelIndependentOfZ()
    {
        using var model = new MlpSpec { Width = 8, Depth = 2, InputComponents = [0, 1] }.Create(2, seed: 0, ScalarType.Float64);
        var (e1, f1) = Evaluate(model, [new AtomicStructure([1], [0.2, 0.4, 0.0])]);
        var (e2, _) = Evaluate(model, [new AtomicStructure([1], [0.2, 0.4, 3.0])]);
        Assert.Equal(e1, e2);
        Assert.Equal(0, f1[2]);
        Assert.Equal(0, f1[5]);
    }

    [Fact]
    public void FitNormalization_ShiftIsMeanEnergyAndScaleIsForceRms()
    {
        var data = new Dataset([ToyData.DoubleWellSample(-0.8, 0.1), ToyData.DoubleWellSample(-0.6, -0.3)]);
        var member = new CoordinateMlp(new MlpSpec { Width = 4, Depth = 2, InputComponents = [0, 1] }, seed: 0, ScalarType.Float64);
        ((IEnergyModel)member).FitNormalization(data);
        Assert.Equal(data.Average(s => s.Energy), member.EnergyShift, 12);
        double rms = Math.Sqrt(data.SelectMany(s => s.Forces).Average(f => f * f));
        Assert.Equal(rms, member.EnergyScale, 12);
        member.Dispose();
    }

    [Fact]
    public void MemberCommitteeModel_SharedParameter_Throws()
    {
        var member = new CoordinateMlp(Spec(MemberEvaluation.PerMember), seed: 0);
        var ex = Assert.Throws<ArgumentException>(() => new MemberCommitteeModel([member, member]));
        Assert.Contains("shares a parameter", ex.Message, StringComparison.Ordinal);
        member.Dispose();
    }

    [Fact]
    public void MemberSeed_For_IsCommitteeSeedTimesPrimePlusMember()
    {
        Assert.Equal(3, MemberSeed.For(0, 3));
        Assert.Equal((7 * 1_000_003L) + 2, MemberSeed.For(7, 2));
        Assert.NotEqual(MemberSeed.For(1, 0), MemberSeed.For(0, 1));
    }

    [Fact]
    public void ShiftedSoftplus_Apply_IsZeroAtZeroAndLinearForLargeInput()
    {
        using var scope = NewDisposeScope();
        var y = ToArray(ShiftedSoftplus.Apply(tensor(new[] { 0.0, 50.0 })));
        Assert.Equal(0, y[0], 12);
        Assert.Equal(50 - Math.Log(2), y[1], 10);
    }

    [Fact]
    public void ModelSpec_MlpJsonRoundTrip_KeepsEverySetting()
    {
        ModelSpec spec = new MlpSpec { AtomCount = 2, Width = 64, Depth = 3, InputComponents = [0, 4], NormalizeEnergy = false, Evaluation = MemberEvaluation.PerMember };
        string json = JsonSerializer.Serialize(spec);
        Assert.Contains("\"kind\":\"mlp\"", json, StringComparison.Ordinal);
        var back = Assert.IsType<MlpSpec>(JsonSerializer.Deserialize<ModelSpec>(json));
        Assert.Equal(JsonSerializer.Serialize<ModelSpec>(back), json);
        Assert.Equal(new[] { 0, 4 }, back.InputComponents.ToArray());
    }
}
