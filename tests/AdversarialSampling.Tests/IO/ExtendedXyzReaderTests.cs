using System.Collections.Immutable;
using AdversarialSampling.IO;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.IO;

public class ExtendedXyzReaderTests
{
    private static ExtendedXyzFrame[] Read(string text) => [.. ExtendedXyzReader.ReadFrames(new StringReader(text), "test.extxyz")];

    [Fact]
    public void ReadFrames_MultiFrameWithLatticeAndExtraColumns_GivesEveryValue()
    {
        const string text = """
            2
            Lattice="5.0 0.0 0.0 1.0 6.0 0.0 0.5 0.25 7.0" Properties=species:S:1:pos:R:3:forces:R:3:tag:I:1:ok:L:1:label:S:1:q:R:1 energy=-1.5 pbc="T T F"
            O 0.1 0.2 0.3 1.0 2.0 3.0 7 T first 0.5
            h 1.1 1.2 1.3 -1.0 -2.0 -3.0 -8 False second -0.5
            1
            Properties=species:S:1:pos:R:3 energy=2
            Cl 0 0 0
            """;

        var frames = Read(text);

        Assert.Equal(2, frames.Length);
        var f = frames[0];
        SequenceAssert.Equal([8, 1], f.Structure.AtomicNumbers);
        SequenceAssert.Equal([0.1, 0.2, 0.3, 1.1, 1.2, 1.3], f.Structure.Positions);
        SequenceAssert.Equal([5.0, 0, 0, 1.0, 6.0, 0, 0.5, 0.25, 7.0], f.Structure.Cell!.Vectors);
        SequenceAssert.Equal([true, true, false], f.Structure.Cell.Periodic);
        Assert.Equal(-1.5, f.Energy);
        SequenceAssert.Equal([1.0, 2.0, 3.0, -1.0, -2.0, -3.0], f.Forces);
        SequenceAssert.Equal([7L, -8L], f.Arrays["tag"].Integers);
        SequenceAssert.Equal([true, false], f.Arrays["ok"].Logicals);
        SequenceAssert.Equal(["first", "second"], f.Arrays["label"].Strings);
        SequenceAssert.Equal([0.5, -0.5], f.Arrays["q"].Reals);
        SequenceAssert.Equal(["forces", "label", "ok", "q", "tag"], f.Arrays.Keys.Order(StringComparer.Ordinal));
        SequenceAssert.Equal(["energy"], f.Info.Keys);

        Assert.Equal(17, frames[1].Structure.AtomicNumbers[0]);
        Assert.Equal(2L, frames[1].Info["energy"]);
        Assert.Equal(2.0, frames[1].Energy);
        Assert.Null(frames[1].Structure.Cell);
        Assert.True(frames[1].Forces.IsEmpty);
    }

    [Fact]
    public void ReadFrames_CommentLineGrammar_FollowsAse()
    {
        const string text = """
            1
            s="hello world" q='single "inner"' e=a\ b\"c arr=[1,2,3] br={1.5 2} bools="T F T" t=T f=F bare big=99999999999999999999 x=1_000 neg=-0 inf=-Infinity k = v uid=12 js="_JSON [\"a\", \"b c\"]" js1="_JSON [5]" jss="_JSON \"12\"" nested="_JSON [[1, 2]]" eq=a=b True=True Properties=species:S:1:pos:R:3
            H 0 0 0
            """;

        var info = Read(text)[0].Info;

        Assert.Equal("hello world", info["s"]);
        Assert.Equal("single \"inner\"", info["q"]);
        Assert.Equal("a b\"c", info["e"]);
        SequenceAssert.Equal(ImmutableArray.Create(1L, 2L, 3L), (ImmutableArray<long>)info["arr"]);
        SequenceAssert.Equal(ImmutableArray.Create(1.5, 2.0), (ImmutableArray<double>)info["br"]);
        SequenceAssert.Equal(ImmutableArray.Create(true, false, true), (ImmutableArray<bool>)info["bools"]);
        Assert.Equal(true, info["t"]);
        Assert.Equal(false, info["f"]);
        Assert.Equal(true, info["bare"]);
        Assert.Equal(1e20, info["big"]);
        Assert.Equal(1000L, info["x"]);
        Assert.Equal(0L, info["neg"]);
        Assert.Equal(double.NegativeInfinity, info["inf"]);
        Assert.Equal("v", info["k"]);
        Assert.Equal("12", info["uid"]);
        SequenceAssert.Equal(ImmutableArray.Create("a", "b c"), (ImmutableArray<string>)info["js"]);
        SequenceAssert.Equal(ImmutableArray.Create(5L), (ImmutableArray<long>)info["js1"]);
        Assert.Equal("12", info["jss"]);
        Assert.Equal("_JSON [[1, 2]]", info["nested"]);
        Assert.Equal("a=b", info["eq"]);
        Assert.Equal("True", info["True"]); // ASE maps only T and F to booleans on the comment line
    }

    [Fact]
    public void ReadFrames_NoPropertiesKey_UsesSpeciesAndPositionsAsPlainXyz()
    {
        var f = Read("2\nWater-ish molecule\nO 0 0 0\nH 0 0 0.96\n")[0];

        SequenceAssert.Equal([8, 1], f.Structure.AtomicNumbers);
        Assert.Equal(true, f.Info["Water-ish"]);
        Assert.Equal(true, f.Info["molecule"]);
    }

    [Fact]
    public void ReadFrames_LatticeWithoutPbc_IsPeriodicOnAllAxes()
    {
        var f = Read("1\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:pos:R:3\nNa 0 0 0\n")[0];

        SequenceAssert.Equal([true, true, true], f.Structure.Cell!.Periodic);
        SequenceAssert.Equal([3.0, 0, 0, 0, 3, 0, 0, 0, 3], f.Structure.Cell.Vectors);
    }

    [Fact]
    public void ReadFrames_StressAndVirial_AreReadColumnMajorAsAse()
    {
        var f = Read("1\nProperties=species:S:1:pos:R:3 energy=0.5 stress=\"1 2 3 4 5 6 7 8 9\" virial=\"1 0 0 2 1 0 3 0 1\"\nH 0 0 0\n")[0];

        SequenceAssert.Equal([1.0, 4, 7, 2, 5, 8, 3, 6, 9], f.Stress);
        SequenceAssert.Equal([1.0, 2, 3, 0, 1, 0, 0, 0, 1], (ImmutableArray<double>)f.Info["virial"]);
        var sample = f.ToLabelledSample();
        SequenceAssert.Equal([1.0, 4, 7, 2, 5, 8, 3, 6, 9], sample.Stress);
        Assert.True(sample.Metadata.ContainsKey("virial"));
        Assert.False(sample.Metadata.ContainsKey("stress"));
        Assert.False(sample.Metadata.ContainsKey("energy"));
    }

    [Fact]
    public void ReadFrames_MoveMaskColumns_BecomeConstraintsAsAse()
    {
        const string text = """
            3
            Properties=species:S:1:pos:R:3:move_mask:L:1
            N 0 0 0 F
            H 1 0 0 T
            H 0 1 0 F
            2
            Properties=species:S:1:pos:R:3:move_mask:L:3
            N 0 0 0 T T T
            H 1 0 0 F T F
            """;

        var frames = Read(text);

        SequenceAssert.Equal([0, 2], frames[0].Structure.Constraints.FixedAtoms);
        Assert.Empty(frames[0].Arrays);
        SequenceAssert.Equal([new FixedCartesian(1, true, false, true)], frames[1].Structure.Constraints.FixedCartesian);
    }

    [Fact]
    public void ReadFrames_ZColumnAndUpperCaseSpecies_GiveElements()
    {
        var frames = Read("2\nProperties=pos:R:3:Z:I:1\n0 0 0 7\n1 0 0 1\n1\nProperties=species:S:1:pos:R:3\nCL 0 0 0\n");

        SequenceAssert.Equal([7, 1], frames[0].Structure.AtomicNumbers);
        SequenceAssert.Equal([17], frames[1].Structure.AtomicNumbers);
    }

    [Fact]
    public void ReadFrames_BlankLinesBetweenFramesAndAtEnd_AreSkipped()
    {
        var frames = Read("1\nenergy=1.0\nH 0 0 0\n\n\n1\nenergy=2.0\nH 0 0 1\n\n");

        SequenceAssert.Equal([1.0, 2.0], frames.Select(f => f.Energy!.Value));
    }

    [Fact]
    public void ReadFrames_WindowsLineEndings_ReadTheSameAsUnixOnes()
    {
        const string unix = "2\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:pos:R:3:forces:R:3 energy=-0.5\nNa 0 0 0 0.1 0 0\nCl 1.5 1.5 1.5 -0.1 0 0\n";

        var a = Read(unix).Single();
        var b = Read(unix.Replace("\n", "\r\n", StringComparison.Ordinal)).Single();

        ExtendedXyzTestFrames.AssertSame(a, b, "CRLF");
    }

    [Fact]
    public void WriteThenRead_PropertyNameWithSpace_IsQuotedAndReadBack()
    {
        var structure = AtomicStructure.FromSymbols(["H"], [0, 0, 0]);
        var frame = new ExtendedXyzFrame(structure, arrays: [new("my prop", PerAtomProperty.FromIntegers(1, [3]))]);
        var text = new StringWriter();

        ExtendedXyzWriter.WriteFrames(text, [frame]);
        var back = Read(text.ToString()).Single();

        Assert.Contains("Properties=\"species:S:1:pos:R:3:my prop:I:1\"", text.ToString(), StringComparison.Ordinal);
        SequenceAssert.Equal([3L], back.Arrays["my prop"].Integers);
    }

    [Fact]
    public void ReadSamples_FrameWithoutEnergy_ThrowsNamingFrameAndLine()
    {
        var text = "1\nenergy=1.0\nH 0 0 0\n1\nfoo=bar\nH 0 0 1\n";

        var e = Assert.Throws<ExtendedXyzFormatException>(() => ExtendedXyzReader.ReadSamples(new StringReader(text), "labels.xyz").ToList());

        Assert.Equal(1, e.Frame);
        Assert.Equal(5, e.Line);
        Assert.StartsWith("labels.xyz:5: frame 1: expected an 'energy'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFrames_TakeTwoFromEndlessReader_NeverReadsPastTheSecondFrame()
    {
        using var reader = new EndlessXyzReader(framesAllowed: 2);

        var frames = ExtendedXyzReader.ReadFrames(reader, "endless").Take(2).ToList();

        Assert.Equal(2, frames.Count);
        Assert.Equal(1.0, frames[1].Energy);
        Assert.True(reader.LinesServed <= 2 * 6, $"served {reader.LinesServed} lines");
    }

    [Fact]
    public void ReadFrames_LargeGeneratedStream_ReadsEveryFrameInOrder()
    {
        using var reader = new EndlessXyzReader(framesAllowed: 20_000, stopAfter: 20_000);

        long count = 0;
        double lastEnergy = -1;
        foreach (var frame in ExtendedXyzReader.ReadFrames(reader, "generated"))
        {
            Assert.Equal(count, frame.Energy);
            lastEnergy = frame.Energy!.Value;
            count++;
        }

        Assert.Equal(20_000, count);
        Assert.Equal(19_999, lastEnergy);
    }

    [Fact]
    public void ReadDataset_BundledAmmonia_Has138Nh3FramesWithEnergiesAndForces()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "ammonia-bp86.extxyz");

        var dataset = ExtendedXyzReader.ReadDataset(path);

        Assert.Equal(138, dataset.Count);
        Assert.All(dataset, s => Assert.Equal("H3N", s.Structure.Formula()));
        Assert.All(dataset, s => Assert.Null(s.Structure.Cell));
        Assert.All(dataset, s => Assert.True(s.HasForces && s.Forces.All(double.IsFinite)));
        double min = dataset.Min(s => s.Energy), max = dataset.Max(s => s.Energy);
        Assert.Equal(-1.173326860283522e-06, min); // the values ASE 3.22 reads from the same file
        Assert.Equal(1.8388635572160976, max);
        Assert.Equal(78, dataset.Count(s => s.GetMetadata("generation", -1L) == 0));
        Assert.Equal(30, dataset.Count(s => s.GetMetadata("generation", -1L) == 1));
        Assert.Equal(30, dataset.Count(s => s.GetMetadata("generation", -1L) == 2));
        Assert.Equal("initial", dataset[0].GetMetadata("origin", ""));
        Assert.Equal("adversarial", dataset[137].GetMetadata("origin", ""));
        Assert.Equal(0.010323570020383557, dataset[0].Energy);
        Assert.Equal(-0.01340645, dataset[0].Forces[0]);
    }

    /// <summary>Serves frame after frame of a 1-atom file and fails the test if read past the allowed frames.</summary>
    private sealed class EndlessXyzReader(int framesAllowed, int stopAfter = int.MaxValue) : TextReader
    {
        private int _line;

        public int LinesServed => _line;

        public override string? ReadLine()
        {
            int frame = _line / 3;
            if (frame >= stopAfter)
            {
                return null;
            }

            if (frame >= framesAllowed)
            {
                throw new InvalidOperationException($"The reader asked for frame {frame}, past the {framesAllowed} enumerated.");
            }

            string line = (_line % 3) switch
            {
                0 => "1",
                1 => $"Properties=species:S:1:pos:R:3 energy={frame}.0 pbc=\"F F F\"",
                _ => "H 0.0 0.0 0.0",
            };
            _line++;
            return line;
        }
    }
}
