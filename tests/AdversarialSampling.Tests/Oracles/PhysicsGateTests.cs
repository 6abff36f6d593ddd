using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Oracles;

public sealed class PhysicsGateTests
{
    private static readonly AtomicStructure H2 = new([1, 1], [0, 0, 0, 0.74, 0, 0]);

    private static LabelledSample Sample(double energy, double force) => new(H2, energy, [force, 0, 0, -force, 0, 0]);

    [Fact]
    public void Check_ModestResult_Passes()
    {
        Assert.Null(new PhysicsGate().Check(Sample(-31.7, 2.5)));
    }

    [Fact]
    public void Check_ForceAboveBound_RejectedNamingAtomAndBound()
    {
        var failure = new PhysicsGate().Check(Sample(-31.7, 250));

        Assert.Equal(OracleFailureKind.UnphysicalResult, failure!.Kind);
        Assert.Contains("force on atom 0 is 250 eV/Å, above the bound 100 eV/Å", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EnergyFarFromReference_Rejected()
    {
        var gate = new PhysicsGate { ReferenceEnergy = _ => -31.7 };

        Assert.Null(gate.Check(Sample(-31.7 + 19.9, 0))); // bound 10 eV/atom × 2 atoms
        Assert.Contains("deviates by 20.1", gate.Check(Sample(-31.7 + 20.1, 0))!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithoutReference_NoEnergyBound()
    {
        Assert.Null(new PhysicsGate().Check(Sample(1e6, 0)));
    }

    [Fact]
    public void MedianEnergyByFormula_Samples_MedianPerFormulaAndNullForUnknown()
    {
        var water = new AtomicStructure([8, 1, 1], [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]);
        var samples = new[] { Sample(-1, 0), Sample(-3, 0), Sample(-2, 0), Sample(-10, 0), new LabelledSample(water, -5) };

        var reference = PhysicsGate.MedianEnergyByFormula(samples);

        Assert.Equal(-2.5, reference(H2));
        Assert.Equal(-5, reference(water));
        Assert.Null(reference(new AtomicStructure([6], [0, 0, 0])));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void MaxForceNorm_NotPositive_Throws(double bound)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhysicsGate { MaxForceNorm = bound });
    }
}
