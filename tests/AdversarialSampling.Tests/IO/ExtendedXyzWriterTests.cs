using System.Collections.Immutable;
using AdversarialSampling.IO;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.IO;

public sealed class ExtendedXyzWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("extxyz-write-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WriteFrames_ThenReadFrames_GivesBitIdenticalFrames()
    {
        var frames = ExtendedXyzTestFrames.Rich();
        string path = Path.Combine(_dir, "rich.extxyz");

        ExtendedXyzWriter.WriteFrames(path, frames);
        var back = ExtendedXyzReader.ReadFrames(path).ToList();

        Assert.Equal(frames.Count, back.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            ExtendedXyzTestFrames.AssertSame(frames[i], back[i], $"frame {i}");
        }
    }

    [Fact]
    public void WriteFrames_SameFramesTwice_GivesIdenticalBytes()
    {
        string a = Path.Combine(_dir, "a.extxyz"), b = Path.Combine(_dir, "b.extxyz");

        ExtendedXyzWriter.WriteFrames(a, ExtendedXyzTestFrames.Rich());
        ExtendedXyzWriter.WriteFrames(b, ExtendedXyzTestFrames.Rich());

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void WriteFrame_AmmoniaLikeSample_LooksLikeAseOutput()
    {
        var structure = AtomicStructure.FromSymbols(["N", "H"], [0.0, 0.0, 0.1, 1.0, 0.0, 0.0]);
        var sample = new LabelledSample(structure, -1.25, [0.5, 0, 0, -0.5, 0, 0], metadata: [new("generation", 1), new("origin", "adversarial")]);
        var text = new StringWriter();

        ExtendedXyzWriter.WriteSamples(text, [sample]);

        string[] lines = text.ToString().Split('\n');
        Assert.Equal("2", lines[0]);
        Assert.Equal("Properties=species:S:1:pos:R:3:forces:R:3 energy=-1.25 generation=1 origin=adversarial pbc=\"F F F\"", lines[1]);
        string Col(string v) => " " + v.PadLeft(16);
        Assert.Equal("N " + Col("0.0") + Col("0.0") + Col("0.1") + Col("0.5") + Col("0.0") + Col("0.0"), lines[2]);
        Assert.Equal(string.Empty, lines[^1]);
    }

    [Fact]
    public void WriteSamples_ThenReadDataset_KeepsEnergyForcesStressAndMetadata()
    {
        var cell = new UnitCell([4.0, 0, 0, 0.5, 4.5, 0, 0, 0, 5], [true, false, true]);
        var structure = AtomicStructure.FromSymbols(["Si", "O"], [0.1, 0.2, 0.3, 1.7, 1.1, 0.9], cell);
        double[] stress = [0.01, 0.002, -0.003, 0.002, 0.02, 0.004, -0.003, 0.004, 0.03];
        var sample = new LabelledSample(structure, -7.0 / 3.0, [1.0 / 3, -2, 3, -1.0 / 3, 2, -3], stress, [new("generation", 2L), new("score", 0.1 + 0.2)]);
        string path = Path.Combine(_dir, "samples.extxyz");

        ExtendedXyzWriter.WriteSamples(path, new Dataset([sample, sample]));
        var back = ExtendedXyzReader.ReadDataset(path);

        Assert.Equal(2, back.Count);
        Assert.Equal(sample.Energy, back[0].Energy);
        SequenceAssert.Equal(sample.Forces, back[0].Forces);
        SequenceAssert.Equal(sample.Stress, back[0].Stress);
        Assert.Equal(cell, back[0].Structure.Cell);
        Assert.Equal(2L, back[0].Metadata["generation"]);
        Assert.Equal(0.1 + 0.2, back[0].Metadata["score"]);
    }

    [Fact]
    public void WriteFrames_FixedAtomsOnly_WritesMoveMaskL1AndReadsBack()
    {
        var structure = AtomicStructure.FromSymbols(["C", "O", "O"], [0, 0, 0, 1.2, 0, 0, -1.2, 0, 0], constraints: new StructureConstraints([0, 2]));
        var text = new StringWriter();

        ExtendedXyzWriter.WriteFrames(text, [new ExtendedXyzFrame(structure)]);
        var back = ExtendedXyzReader.ReadFrames(new StringReader(text.ToString()), "mem").Single();

        Assert.Contains(":move_mask:L:1", text.ToString(), StringComparison.Ordinal);
        Assert.Equal(structure.Constraints, back.Structure.Constraints);
    }

    [Fact]
    public void WriteFrames_FixedCartesianPlusFixedAtoms_WritesMoveMaskL3WithTheSameFrozenComponents()
    {
        var constraints = new StructureConstraints([1], [new FixedCartesian(0, false, false, true)]);
        var structure = AtomicStructure.FromSymbols(["H", "H"], [0, 0, 0, 0.74, 0, 0], constraints: constraints);
        var text = new StringWriter();

        ExtendedXyzWriter.WriteFrames(text, [new ExtendedXyzFrame(structure)]);
        var back = ExtendedXyzReader.ReadFrames(new StringReader(text.ToString()), "mem").Single();

        Assert.Contains(":move_mask:L:3", text.ToString(), StringComparison.Ordinal);
        Assert.Equal(structure.FrozenMask(), back.Structure.FrozenMask());
    }

    [Fact]
    public void WriteFrames_GeneratorFails_LeavesTheOldFileUntouched()
    {
        string path = Path.Combine(_dir, "keep.extxyz");
        File.WriteAllText(path, "old");

        static IEnumerable<ExtendedXyzFrame> Failing()
        {
            yield return ExtendedXyzTestFrames.Rich()[0];
            throw new InvalidOperationException("boom");
        }

        Assert.Throws<InvalidOperationException>(() => ExtendedXyzWriter.WriteFrames(path, Failing()));
        Assert.Equal("old", File.ReadAllText(path));
        SequenceAssert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void FromSample_MetadataWithEnergyKey_Throws()
    {
        var structure = AtomicStructure.FromSymbols(["H"], [0, 0, 0]);
        var sample = new LabelledSample(structure, 1.0, metadata: [new("energy", 2.0)]);

        Assert.Throws<ArgumentException>(() => ExtendedXyzFrame.FromSample(sample));
    }

    [Fact]
    public void Constructor_ReservedInfoKeyOrWrongRowCount_Throws()
    {
        var structure = AtomicStructure.FromSymbols(["H", "H"], [0, 0, 0, 0.74, 0, 0]);

        Assert.Throws<ArgumentException>(() => new ExtendedXyzFrame(structure, [new("pbc", "T T T")]));
        Assert.Throws<ArgumentException>(() => new ExtendedXyzFrame(structure, arrays: [new("q", PerAtomProperty.FromReals(1, [1.0]))]));
        Assert.Throws<ArgumentException>(() => new ExtendedXyzFrame(structure, arrays: [new("pos", PerAtomProperty.FromReals(3, new double[6]))]));
        Assert.Throws<ArgumentException>(() => PerAtomProperty.FromStrings(1, ["a b", "c"]));
        Assert.Throws<ArgumentException>(() => new ExtendedXyzFrame(structure, [new("stress", ImmutableArray.Create(1.0, 2.0))]));
    }

    [Fact]
    public void ToLabelledSample_FrameWithoutEnergy_ThrowsAndTryReturnsFalse()
    {
        var frame = new ExtendedXyzFrame(AtomicStructure.FromSymbols(["H"], [0, 0, 0]));

        Assert.False(frame.TryToLabelledSample(out var sample));
        Assert.Null(sample);
        Assert.Throws<InvalidOperationException>(() => frame.ToLabelledSample());
    }
}
