using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.TestSupport;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Models;

public class SchNetCommitteeTests
{
    /// <summary>A small network so conformance tests stay fast; the functional form is the default one.</summary>
    internal static readonly SchNetSpec Small = new()
    {
        Cutoff = 4.0,
        Features = 16,
        FilterWidth = 16,
        ReadoutWidth = 8,
        Interactions = 2,
        Gaussians = 12,
        MaxAtomicNumber = 20,
    };

    public static TheoryData<string> ConformanceSystems => ["ammonia", "molecule", "orthorhombic", "triclinic"];

    [Theory]
    [MemberData(nameof(ConformanceSystems))]
    public void Forces_Float64_EqualMinusFiniteDifferenceGradient(string system)
    {
        using var model = Small.Create(2, seed: 7, ScalarType.Float64);
        var structure = Sample(system);

        var (_, forces) = TensorTestHelpers.EnergiesAndForces(model, [structure]);

        const double h = 1e-5;
        for (int k = 0; k < structure.Positions.Length; k++)
        {
            var plus = TensorTestHelpers.Energies(model, [Displace(structure, k, h)]);
            var minus = TensorTestHelpers.Energies(model, [Displace(structure, k, -h)]);
            for (int m = 0; m < model.MemberCount; m++)
            {
                double fd = -(plus[m, 0] - minus[m, 0]) / (2 * h);
                Assert.True(Math.Abs(fd - forces[m][k]) <= 1e-6 * Math.Max(1, Math.Abs(fd)), $"member {m} component {k}: autograd {forces[m][k]}, finite difference {fd}");
            }
        }

        Assert.Contains(forces[0], f => Math.Abs(f) > 1e-3);
    }

    [Theory]
    [InlineData("ammonia", MemberEvaluation.Stacked)]
    [InlineData("ammonia", MemberEvaluation.PerMember)]
    [InlineData("triclinic", MemberEvaluation.Auto)]
    public void ForceSquareSumGradient_DoubleBackward_EqualsFiniteDifference(string system, MemberEvaluation evaluation)
    {
        using var model = (Small with { Evaluation = evaluation }).Create(2, seed: 8, ScalarType.Float64);
        var structure = Sample(system);

        var (_, gradient) = TensorTestHelpers.ForceSquareSum(model, [structure]);

        const double h = 1e-5;
        for (int k = 0; k < structure.Positions.Length; k++)
        {
            double plus = TensorTestHelpers.ForceSquareSum(model, [Displace(structure, k, h)]).Value;
            double minus = TensorTestHelpers.ForceSquareSum(model, [Displace(structure, k, -h)]).Value;
            double fd = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(fd - gradient[k]) <= 1e-5 * Math.Max(1, Math.Abs(fd)), $"component {k}: double backward {gradient[k]}, finite difference {fd}");
        }
    }

    [Theory]
    [InlineData("ammonia")]
    [InlineData("molecule")]
    public void Energies_RotatedAndTranslatedMolecule_InvariantWithCovariantForces(string system)
    {
        using var model = Small.Create(2, seed: 9, ScalarType.Float64);
        var structure = Sample(system);
        var rotation = TestStructures.Rotation(0.3, -0.5, 0.8, 1.1);
        var moved = structure.WithPositions(TestStructures.Transform(structure.Positions, rotation, [3.0, -7.5, 12.25]));

        var (e0, f0) = TensorTestHelpers.EnergiesAndForces(model, [structure]);
        var (e1, f1) = TensorTestHelpers.EnergiesAndForces(model, [moved]);

        for (int m = 0; m < model.MemberCount; m++)
        {
            Assert.Equal(e0[m, 0], e1[m, 0], 1e-10);
            var rotated = TestStructures.Transform(f0[m], rotation, [0, 0, 0]);
            AssertClose(rotated, f1[m], 1e-10);
        }
    }

    [Fact]
    public void Energies_RotatedTranslatedAndRewrappedPeriodicSystem_InvariantWithCovariantForces()
    {
        using var model = Small.Create(2, seed: 10, ScalarType.Float64);
        var structure = TestStructures.Triclinic();
        var rotation = TestStructures.Rotation(-0.2, 0.9, 0.4, 2.3);
        var cell = new UnitCell(TestStructures.Transform(structure.Cell!.Vectors, rotation, [0, 0, 0]));
        var moved = TestStructures.ShiftByLatticeVectors(
            new AtomicStructure(structure.AtomicNumbers, TestStructures.Transform(structure.Positions, rotation, [5.5, 1.25, -2.0]), cell), seed: 1);
        var pairs = NeighborSearch.Find(structure, Small.Cutoff);
        Assert.Contains(Enumerable.Range(0, pairs.Count), p => pairs.Sources[p] == pairs.Targets[p]);

        var (e0, f0) = TensorTestHelpers.EnergiesAndForces(model, [structure]);
        var (e1, f1) = TensorTestHelpers.EnergiesAndForces(model, [moved]);

        for (int m = 0; m < model.MemberCount; m++)
        {
            Assert.Equal(e0[m, 0], e1[m, 0], 1e-9);
            AssertClose(TestStructures.Transform(f0[m], rotation, [0, 0, 0]), f1[m], 1e-9);
        }
    }

    [Theory]
    [InlineData("molecule")]
    [InlineData("orthorhombic")]
    public void Energies_PermutedAtoms_SameEnergyAndPermutedForces(string system)
    {
        using var model = Small.Create(2, seed: 11, ScalarType.Float64);
        var structure = Sample(system);
        int n = structure.AtomCount;
        int[] order = [.. Enumerable.Range(0, n).OrderBy(i => (i * 5 + 3) % n)];
        var permuted = new AtomicStructure(
            [.. order.Select(i => structure.AtomicNumbers[i])],
            [.. order.SelectMany(i => new[] { structure.Positions[3 * i], structure.Positions[3 * i + 1], structure.Positions[3 * i + 2] })],
            structure.Cell);
        if (structure.Cell is not null)
        {
            permuted = TestStructures.ShiftByLatticeVectors(permuted, seed: 2);
        }

        var (e0, f0) = TensorTestHelpers.EnergiesAndForces(model, [structure]);
        var (e1, f1) = TensorTestHelpers.EnergiesAndForces(model, [permuted]);

        Assert.NotEqual(Enumerable.Range(0, n), order);
        for (int m = 0; m < model.MemberCount; m++)
        {
            Assert.Equal(e0[m, 0], e1[m, 0], 1e-10);
            AssertClose([.. order.SelectMany(i => f0[m][(3 * i)..(3 * i + 3)])], f1[m], 1e-10);
        }
    }

    [Theory]
    [InlineData(ScalarType.Float64, 1e-10)]
    [InlineData(ScalarType.Float32, 2e-4)]
    public void MemberEnergies_MixedSizeBatch_EqualsOneByOne(ScalarType dtype, double tolerance)
    {
        using var model = Small.Create(3, seed: 12, dtype);
        AtomicStructure[] structures = [TestStructures.Ammonia(), TestStructures.Triclinic(), TestStructures.RandomMolecule(), new AtomicStructure([8], [0, 0, 0]), TestStructures.Orthorhombic()];

        var (energies, forces) = TensorTestHelpers.EnergiesAndForces(model, structures);

        int offset = 0;
        for (int b = 0; b < structures.Length; b++)
        {
            var (e1, f1) = TensorTestHelpers.EnergiesAndForces(model, [structures[b]]);
            int len = structures[b].Positions.Length;
            for (int m = 0; m < model.MemberCount; m++)
            {
                Assert.Equal(e1[m, 0], energies[m, b], tolerance * Math.Max(1, Math.Abs(e1[m, 0])));
                AssertClose(f1[m], forces[m][offset..(offset + len)], tolerance);
            }

            offset += len;
        }
    }

    [Fact]
    public void Create_SameSeed_SameModelAndMembersDiffer()
    {
        using var a = Small.Create(3, seed: 5, ScalarType.Float64);
        using var b = Small.Create(3, seed: 5, ScalarType.Float64);
        using var c = Small.Create(3, seed: 6, ScalarType.Float64);
        AtomicStructure[] s = [TestStructures.RandomMolecule()];

        var ea = TensorTestHelpers.Energies(a, s);
        var eb = TensorTestHelpers.Energies(b, s);
        var ec = TensorTestHelpers.Energies(c, s);

        Assert.Equal(ea, eb);
        for (int m = 0; m < 3; m++)
        {
            Assert.NotEqual(ea[m, 0], ec[m, 0]);
            for (int n = m + 1; n < 3; n++)
            {
                Assert.True(Math.Abs(ea[m, 0] - ea[n, 0]) > 1e-3, $"members {m} and {n} give the same energy");
            }
        }
    }

    [Fact]
    public void Create_MemberIndependentOfCommitteeSizeAndEvaluationMode_SameMemberEnergies()
    {
        using var perMember = (Small with { Evaluation = MemberEvaluation.PerMember }).Create(3, seed: 4, ScalarType.Float64);
        using var pair = Small.Create(2, seed: 4, ScalarType.Float64);
        using var stacked = (Small with { Evaluation = MemberEvaluation.Stacked }).Create(3, seed: 4, ScalarType.Float64);
        AtomicStructure[] s = [TestStructures.Ammonia(), TestStructures.Orthorhombic()];

        var (e, f) = TensorTestHelpers.EnergiesAndForces(perMember, s);
        var (e2, _) = TensorTestHelpers.EnergiesAndForces(pair, s);
        var (eb, fb) = TensorTestHelpers.EnergiesAndForces(stacked, s);

        for (int m = 0; m < 3; m++)
        {
            for (int b = 0; b < s.Length; b++)
            {
                Assert.Equal(e[m, b], eb[m, b], 1e-10);
                if (m < 2)
                {
                    Assert.Equal(e[m, b], e2[m, b], 1e-10);
                }
            }

            AssertClose(f[m], fb[m], 1e-10);
        }
    }

    [Theory]
    [InlineData(MemberEvaluation.PerMember)]
    [InlineData(MemberEvaluation.Stacked)]
    public void Parameters_OneMembersEnergy_ReachesOnlyThatMembersRow(MemberEvaluation evaluation)
    {
        using var model = (Small with { Evaluation = evaluation }).Create(3, seed: 3, ScalarType.Float64);
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures([TestStructures.Ammonia()], ScalarType.Float64);
        List<Tensor> parameters = [.. model.Parameters()];

        var grads = autograd.grad([model.MemberEnergies(batch)[1].sum()], parameters, allow_unused: true);

        Assert.All(parameters, p => Assert.Equal(3, p.shape[0]));
        double own = grads.Sum(g => g[1].abs().sum().item<double>());
        double others = grads.Sum(g => g[0].abs().sum().item<double>() + g[2].abs().sum().item<double>());
        Assert.True(own > 0);
        Assert.Equal(0.0, others);
    }

    [Theory]
    [InlineData(ScalarType.Float32, MemberEvaluation.Stacked)]
    [InlineData(ScalarType.Float64, MemberEvaluation.PerMember)]
    public void Forces_TwoAtomsAtOnePoint_FiniteAndTheirPairExertsNoForce(ScalarType dtype, MemberEvaluation evaluation)
    {
        using var model = (Small with { Evaluation = evaluation }).Create(2, seed: 9, dtype);
        var coincident = new AtomicStructure([1, 1], [0.3, -0.2, 0.1, 0.3, -0.2, 0.1]);
        var p = TestStructures.Ammonia().Positions.ToArray();
        p[9] = p[6];
        p[10] = p[7];
        p[11] = p[8];
        var crushed = TestStructures.Ammonia().WithPositions(p);

        var (energies, forces) = TensorTestHelpers.EnergiesAndForces(model, [coincident, crushed]);
        var (value, gradient) = TensorTestHelpers.ForceSquareSum(model, [crushed]);

        Assert.All(energies.Cast<double>(), e => Assert.True(double.IsFinite(e)));
        Assert.All(forces, f => Assert.All(f, c => Assert.True(double.IsFinite(c), $"force component {c}")));
        Assert.All(forces, f => Assert.All(f.Take(6), c => Assert.Equal(0.0, c))); // the coincident pair's only pair has zero length
        Assert.Contains(forces[0].Skip(6), c => Math.Abs(c) > 1e-6); // the crushed molecule still feels its other pairs
        Assert.True(double.IsFinite(value));
        Assert.All(gradient, g => Assert.True(double.IsFinite(g), $"double-backward gradient {g}"));
    }

    [Fact]
    public void MemberEnergies_RepeatedCallsInScopes_LeaveNoLiveTensors()
    {
        using var model = Small.Create(2, seed: 18);
        AtomicStructure[] s = [TestStructures.Ammonia(), TestStructures.Triclinic()];
        TensorTestHelpers.ForceSquareSum(model, s);
        long before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (int i = 0; i < 5; i++)
        {
            TensorTestHelpers.ForceSquareSum(model, s);
        }

        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Spec_JsonRoundTrip_KeepsEverySetting()
    {
        ModelSpec spec = Small with { Evaluation = MemberEvaluation.PerMember, Interactions = 4 };

        string json = System.Text.Json.JsonSerializer.Serialize(spec);
        var back = System.Text.Json.JsonSerializer.Deserialize<ModelSpec>(json);

        Assert.Equal(spec, back);
        Assert.Contains("\"kind\":\"schnet\"", json, StringComparison.Ordinal);
        Assert.Contains("\"PerMember\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MemberEvaluation.Stacked)]
    [InlineData(MemberEvaluation.PerMember)]
    public void MemberEnergiesWithMemberPositions_EqualsMemberByMemberPlainEvaluation(MemberEvaluation evaluation)
    {
        using var model = (Small with { Evaluation = evaluation }).Create(3, seed: 16, ScalarType.Float64);
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures([TestStructures.Ammonia(), TestStructures.Triclinic()], ScalarType.Float64);
        var x = batch.Positions.detach().clone();
        var copies = stack([x, x + 0.01, x - 0.02]).requires_grad_(true);

        var energies = model.MemberEnergies(batch, copies);
        var forces = -autograd.grad([energies.sum()], [copies])[0];

        for (int m = 0; m < 3; m++)
        {
            var leaf = copies[m].detach().clone().requires_grad_(true);
            batch.WithPositions(leaf);
            var plain = model.MemberEnergies(batch)[m];
            var plainForces = -autograd.grad([plain.sum()], [leaf])[0];
            AssertClose(TensorTestHelpers.ToArray(plain), TensorTestHelpers.ToArray(energies[m]), 1e-12);
            AssertClose(TensorTestHelpers.ToArray(plainForces), TensorTestHelpers.ToArray(forces[m]), 1e-12);
        }
    }

    [Fact]
    public void MemberEnergiesWithMemberPositions_WrongShape_Throws()
    {
        using var model = Small.Create(2, seed: 1);
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures([TestStructures.Ammonia()]);

        var ex = Assert.Throws<ArgumentException>(() => model.MemberEnergies(batch, zeros(3, 4, 3)));

        Assert.Contains("[2, 4, 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterOwnership_EveryParameterStackedOverMembers()
    {
        using var model = Small.Create(3, seed: 1);

        var ownership = model.ParameterOwnership();

        Assert.NotNull(ownership);
        Assert.Equal(model.Parameters().Count(), ownership.Count);
        Assert.All(ownership, p =>
        {
            Assert.True(p.IsStacked);
            Assert.Equal(3, p.Parameter.shape[0]);
        });
    }

    [Fact]
    public void SetTrainable_False_FreezesEveryParameter()
    {
        using var model = Small.Create(2, seed: 1);

        model.SetTrainable(false);
        Assert.All(model.Parameters(), p => Assert.False(p.requires_grad));
        model.SetTrainable(true);
        Assert.All(model.Parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Energies_DimerAcrossCutoff_ContinuousInValueAndForce()
    {
        using var model = Small.Create(2, seed: 13, ScalarType.Float64);
        double rc = Small.Cutoff;
        AtomicStructure Dimer(double r) => new([6, 8], [0, 0, 0, r, 0, 0]);
        var isolated = TensorTestHelpers.Energies(model, [new AtomicStructure([6], [0, 0, 0]), new AtomicStructure([8], [0, 0, 0])]);

        var (inside, fInside) = TensorTestHelpers.EnergiesAndForces(model, [Dimer(rc - 1e-4)]);
        var outside = TensorTestHelpers.Energies(model, [Dimer(rc + 1e-4)]);
        var (near, _) = TensorTestHelpers.EnergiesAndForces(model, [Dimer(rc - 0.5)]);

        for (int m = 0; m < model.MemberCount; m++)
        {
            double separated = isolated[m, 0] + isolated[m, 1];
            Assert.Equal(separated, outside[m, 0], 1e-12);
            Assert.True(Math.Abs(inside[m, 0] - separated) < 1e-6, $"energy jumps by {inside[m, 0] - separated} at the cutoff");
            Assert.True(Math.Abs(fInside[m][0]) < 1e-3, $"force {fInside[m][0]} at the cutoff");
            Assert.True(Math.Abs(near[m, 0] - separated) > 1e-4, "the dimer must interact inside the cutoff");
        }
    }

    [Fact]
    public void MemberEnergies_AtomMovedPastCutoffWithoutRefresh_EqualsRefreshedList()
    {
        using var model = Small.Create(2, seed: 14, ScalarType.Float64);
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures([new AtomicStructure([6, 8, 1], [0, 0, 0, 3.5, 0, 0, 0, 1.1, 0])], ScalarType.Float64);
        using var noGrad = no_grad();
        _ = model.MemberEnergies(batch);

        batch.WithPositions(tensor(new double[] { 0, 0, 0, 4.6, 0, 0, 0, 1.1, 0 }, [3, 3]));
        var stale = TensorTestHelpers.ToArray(model.MemberEnergies(batch));
        batch.RefreshNeighbors();
        var fresh = TensorTestHelpers.ToArray(model.MemberEnergies(batch));

        AssertClose(fresh, stale, 1e-12);
    }

    [Fact]
    public void FitNormalization_VaryingCompositions_RecoversElementEnergies()
    {
        using var model = Small.Create(2, seed: 2, ScalarType.Float64);
        var reference = new Dictionary<int, double> { [1] = -13.6, [6] = -1030.0, [8] = -2040.0 };
        int[][] formulas = [[6, 1, 1, 1, 1], [8, 1, 1], [6, 8], [6, 8, 8], [1, 1]];
        var data = new Dataset(formulas.Select(f => new LabelledSample(
            TestStructures.RandomStructure(f, 3.0, 0.8, f.Length, null),
            f.Sum(z => reference[z]))));

        model.FitNormalization(data);

        var (shifts, scales) = ((SchNetCommittee)model).Normalization(1);
        foreach (var (z, e) in reference)
        {
            Assert.Equal(e, shifts[z], 1e-8);
        }

        Assert.All(scales, s => Assert.Equal(scales[1], s));
    }

    [Fact]
    public void FitNormalization_SameCompositionRelativeEnergiesWithForces_MeanPerAtomShiftAndForceRmsScale()
    {
        using var model = Small.Create(2, seed: 2, ScalarType.Float64);
        var samples = Enumerable.Range(0, 6).Select(i => new LabelledSample(
            TestStructures.Ammonia(),
            0.3 * i,
            [0.1 * i, 0, 0, 1, 2, 2, 0, 0, 0, 0, 0, 0]));

        model.FitNormalization(new Dataset(samples));

        var (shifts, scales) = ((SchNetCommittee)model).Normalization(0);
        double meanPerAtom = Enumerable.Range(0, 6).Sum(i => 0.3 * i) / 24;
        Assert.Equal(meanPerAtom, shifts[7], 1e-12);
        Assert.Equal(meanPerAtom, shifts[1], 1e-12);
        Assert.Equal(meanPerAtom, shifts[6], 1e-12);
        double nitrogenRms = Math.Sqrt(Enumerable.Range(0, 6).Sum(i => 0.01 * i * i) / 18);
        double hydrogenRms = Math.Sqrt(6 * 9.0 / 54);
        Assert.Equal(nitrogenRms, scales[7], 1e-12);
        Assert.Equal(hydrogenRms, scales[1], 1e-12);
    }

    [Fact]
    public void FitNormalization_UniformScale_ScalesReadoutAndAddsShifts()
    {
        using var model = Small.Create(2, seed: 15, ScalarType.Float64);
        AtomicStructure[] s = [TestStructures.Ammonia()];
        var before = TensorTestHelpers.Energies(model, s);
        var data = new Dataset([new LabelledSample(TestStructures.Ammonia(), -4.0), new LabelledSample(TestStructures.Ammonia(), -2.0)]);

        model.FitNormalization(data);
        var after = TensorTestHelpers.Energies(model, s);

        // Per-atom residuals (E − 4·b)/4 are ±0.25 eV, so the scale (no forces) is 0.25 and every shift is −0.75 eV.
        for (int m = 0; m < 2; m++)
        {
            Assert.Equal(0.25 * before[m, 0] + 4 * -0.75, after[m, 0], 1e-10);
        }
    }

    [Fact]
    public void MemberEnergies_WrongDtypeOrElement_ThrowsNamingTheProblem()
    {
        using var model = Small.Create(1, seed: 1);
        using var batch64 = AtomBatch.FromStructures([TestStructures.Ammonia()], ScalarType.Float64);
        using var heavy = AtomBatch.FromStructures([new AtomicStructure([26], [0, 0, 0])]);

        Assert.Contains("dtype", Assert.Throws<ArgumentException>(() => model.MemberEnergies(batch64)).Message, StringComparison.Ordinal);
        Assert.Contains("Z = 26", Assert.Throws<ArgumentException>(() => model.MemberEnergies(heavy)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadSettings_ListsEveryProblem()
    {
        var spec = new SchNetSpec { Cutoff = -1, Features = 0, Gaussians = 1, MaxAtomicNumber = 200 };

        var problems = spec.Validate();

        Assert.Equal(4, problems.Count);
        Assert.Empty(new SchNetSpec().Validate());
        Assert.Throws<ArgumentException>(() => spec.Create(2, 0));
    }

    internal static AtomicStructure Sample(string name) => name switch
    {
        "ammonia" => TestStructures.Ammonia(),
        "molecule" => TestStructures.RandomMolecule(),
        "orthorhombic" => TestStructures.Orthorhombic(),
        "triclinic" => TestStructures.Triclinic(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static AtomicStructure Displace(AtomicStructure s, int component, double h)
    {
        var p = s.Positions.ToArray();
        p[component] += h;
        return s.WithPositions(p);
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"component {i}: expected {expected[i]}, found {actual[i]}");
        }
    }
}
