using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Uncertainty;

public class BoltzmannObjectiveTests
{
    private static Dataset Training(params double[] energies)
        => new(energies.Select((e, i) => new LabelledSample(new AtomicStructure([1], [i, 0, 0]), e)));

    private static Dataset Triatomic(params double[] energies)
        => new(energies.Select((e, i) => new LabelledSample(new AtomicStructure([8, 1, 1], [i, 0, 0, i + 1, 0, 0, i, 1, 0]), e)));

    [Theory]
    [InlineData(5.0)]
    [InlineData(0.3)]
    public void LogObjective_ModerateEnergies_EqualsLogOfNaiveProduct(double kT)
    {
        var training = Training(-3.9, -3.1, -2.5, -2.05);
        var objective = BoltzmannObjective.FromTraining(training, Temperature.FromThermalEnergy(kT));
        double z = training.Average(s => Math.Exp(-s.Energy / kT));
        foreach (var (u, e) in new[] { (0.02, -3.0), (1.5, -1.0), (1e-4, 0.5) })
        {
            double naive = u * Math.Exp(-e / kT) / z;
            Assert.Equal(Math.Log(naive), objective.LogObjective(u, e, 1), 10);
        }
    }

    [Fact]
    public void LogObjective_AbsoluteDftEnergies_StaysFiniteWhereTheNaiveProductOverflows()
    {
        var kT = Temperature.FromKelvin(300);
        var training = Training(-15540.2, -15540.1, -15539.9);
        var objective = BoltzmannObjective.FromTraining(training, kT);
        double naiveZ = training.Average(s => Math.Exp(-s.Energy / kT.KT));
        Assert.True(double.IsPositiveInfinity(naiveZ));
        double value = objective.LogObjective(0.01, -15540.0, 1);
        Assert.True(double.IsFinite(value));

        // Exact value by hand: log u − (Ē − E_min)/kT − log mean exp(−(E_k − E_min)/kT).
        double[] shifted = [0, -0.1 / kT.KT, -0.3 / kT.KT];
        double logZ = Math.Log(shifted.Average(Math.Exp));
        Assert.Equal(Math.Log(0.01) - (0.2 / kT.KT) - logZ, value, 8);
    }

    [Fact]
    public void FromTraining_DifferentEnergyReferences_GiveTheSameObjective()
    {
        var training = Training(-3.9, -3.1, -2.5);
        var kT = Temperature.FromThermalEnergy(0.7);
        var a = BoltzmannObjective.FromTraining(training, kT);
        var b = BoltzmannObjective.FromTraining(training, kT, energyReference: 0);
        var c = BoltzmannObjective.FromTraining(training, kT, energyReference: 12.5);
        Assert.Equal(-3.9, a.EnergyReference);
        Assert.NotEqual(a.LogPartition, b.LogPartition);
        Assert.Equal(a.LogObjective(0.3, -2.2, 1), b.LogObjective(0.3, -2.2, 1), 10);
        Assert.Equal(a.LogObjective(0.3, -2.2, 1), c.LogObjective(0.3, -2.2, 1), 10);
    }

    [Fact]
    public void FromTraining_PerAtomWithKtOverN_EqualsTotalWithKt()
    {
        var training = Triatomic(-30.0, -29.4, -28.8);
        var total = BoltzmannObjective.FromTraining(training, Temperature.FromThermalEnergy(0.9), BoltzmannEnergy.Total);
        var perAtom = BoltzmannObjective.FromTraining(training, Temperature.FromThermalEnergy(0.3), BoltzmannEnergy.PerAtom);
        Assert.Equal(-10.0, perAtom.EnergyReference, 12);
        Assert.Equal(total.LogPartition, perAtom.LogPartition, 10);
        Assert.Equal(total.LogObjective(0.05, -29.0, 3), perAtom.LogObjective(0.05, -29.0, 3), 10);

        // Same kT on both: per-atom divides the energy gap by N, so the Boltzmann penalty is N times smaller.
        var perAtomSameKt = BoltzmannObjective.FromTraining(training, Temperature.FromThermalEnergy(0.9), BoltzmannEnergy.PerAtom);
        Assert.True(perAtomSameKt.LogProbability(-27.0, 3) > total.LogProbability(-27.0, 3));
    }

    [Fact]
    public void LogObjective_InfiniteTemperature_IsLogUncertainty()
    {
        var objective = BoltzmannObjective.FromTraining(Training(-3, -2, 5), Temperature.Infinite);
        Assert.Equal(0, objective.LogPartition);
        Assert.Equal(Math.Log(0.25), objective.LogObjective(0.25, 1e6, 1), 12);
    }

    [Fact]
    public void LogObjective_ZeroUncertainty_UsesTheFloor()
    {
        var objective = BoltzmannObjective.FromTraining(Training(-1, 0), Temperature.FromThermalEnergy(1));
        double value = objective.LogObjective(0, -1, 1);
        Assert.True(double.IsFinite(value));
        Assert.Equal(Math.Log(BoltzmannObjective.DefaultUncertaintyFloor) + objective.LogProbability(-1, 1), value, 10);
    }

    [Theory]
    [InlineData(BoltzmannEnergy.Total)]
    [InlineData(BoltzmannEnergy.PerAtom)]
    public void LogObjective_Tensor_EqualsPlainValues(BoltzmannEnergy mode)
    {
        var objective = BoltzmannObjective.FromTraining(Triatomic(-30, -29, -27.5), Temperature.FromThermalEnergy(0.5), mode);
        double[] u = [0.01, 0.3, 0];
        double[] e = [-29.5, -28, -31];
        double[] n = [3, 3, 2];
        using var scope = NewDisposeScope();
        var values = objective.LogObjective(tensor(u), tensor(e), tensor(n)).data<double>().ToArray();
        for (int b = 0; b < 3; b++)
        {
            Assert.Equal(objective.LogObjective(u[b], e[b], (int)n[b]), values[b], 10);
        }
    }

    [Fact]
    public void FromTraining_EmptyOrUnsetTemperature_Throws()
    {
        Assert.Throws<ArgumentException>(() => BoltzmannObjective.FromTraining(Dataset.Empty, Temperature.FromThermalEnergy(1)));
        var ex = Assert.Throws<ArgumentException>(() => BoltzmannObjective.FromTraining(Training(-1), default));
        Assert.Contains("temperature", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void LogSumExp_LargeExponents_DoesNotOverflow()
    {
        Assert.Equal(1000 + Math.Log(2), BoltzmannObjective.LogSumExp([1000, 1000]), 12);
        Assert.Equal(double.NegativeInfinity, BoltzmannObjective.LogSumExp([]));
    }

    [Fact]
    public void Temperature_KelvinAndThermalEnergy_Agree()
    {
        var t = Temperature.FromKelvin(300);
        Assert.Equal(300 * Units.BoltzmannEvPerKelvin, t.KT, 15);
        Assert.Equal(300, t.Kelvin, 9);
        Assert.Equal(t, Temperature.FromThermalEnergy(t.KT));
        Assert.False(default(Temperature).IsValid);
        Assert.True(Temperature.Infinite.IsValid);
        Assert.Throws<ArgumentOutOfRangeException>(() => Temperature.FromKelvin(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Temperature.FromThermalEnergy(double.NaN));
    }
}
