using AdversarialSampling.IO;

namespace AdversarialSampling.Tests.IO;

public sealed class ExtendedXyzMalformedInputTests : IDisposable
{
    private const string Good = "2\nProperties=species:S:1:pos:R:3:forces:R:3 energy=-1.0 pbc=\"F F F\"\nN 0 0 0 0.1 0.2 0.3\nH 1 0 0 -0.1 -0.2 -0.3\n";
    private const string Props = "Properties=species:S:1:pos:R:3:forces:R:3";

    private readonly string _dir = Directory.CreateTempSubdirectory("extxyz-bad-").FullName;

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        // name, file content, expected frame, expected line, expected fragment of the message
        { "count-too-large-before-next-frame", Good + "3\n" + Props + " energy=1.0\nN 0 0 0 0 0 0\nH 1 0 0 0 0 0\n2\n" + Props + " energy=2.0\nN 0 0 0 0 0 0\nH 1 0 0 0 0 0\n", 1, 9, "looks like the next frame's atom count" },
        { "count-too-small", "1\n" + Props + " energy=1.0\nN 0 0 0 0 0 0\nH 1 0 0 0 0 0\n", 1, 4, "expected the atom count" },
        { "truncated-last-frame", Good + "2\n" + Props + " energy=1.0\nN 0 0 0 0 0 0\n", 1, 8, "the frame is truncated" },
        { "truncated-after-count", Good + "2\n", 1, 6, "expected the comment line" },
        { "non-integer-count", "two\n" + Props + "\nN 0 0 0 0 0 0\n", 0, 1, "expected the atom count" },
        { "negative-count", "-1\n" + Props + "\n", 0, 1, "expected the atom count" },
        { "lattice-eight-values", "1\nLattice=\"1 0 0 0 1 0 0 0\" Properties=species:S:1:pos:R:3\nH 0 0 0\n", 0, 2, "Lattice: expected 9 numbers" },
        { "lattice-non-numeric", "1\nLattice=\"1 0 0 0 1 0 0 0 x\" Properties=species:S:1:pos:R:3\nH 0 0 0\n", 0, 2, "Lattice: expected 9 numbers" },
        { "lattice-singular", "1\nLattice=\"1 0 0 2 0 0 0 0 1\" Properties=species:S:1:pos:R:3\nH 0 0 0\n", 0, 2, "singular" },
        { "pbc-without-lattice", "1\nProperties=species:S:1:pos:R:3 pbc=\"T T T\"\nH 0 0 0\n", 0, 2, "no Lattice" },
        { "unknown-element", Good + "1\n" + Props + " energy=0.5\nXx 0 0 0 0 0 0\n", 1, 7, "unknown element 'Xx'" },
        { "non-numeric-position", Good + "1\n" + Props + " energy=0.5\nH 0 zero 0 0 0 0\n", 1, 7, "pos[1]: expected a real number, found 'zero'" },
        { "non-numeric-force", "1\n" + Props + " energy=0.5\nH 0 0 0 0 0 1.2.3\n", 0, 3, "forces[2]: expected a real number" },
        { "nan-position", "1\n" + Props + " energy=0.5\nH 0 nan 0 0 0 0\n", 0, 3, "pos[1]: expected a finite number, found 'nan'" },
        { "inf-force", "1\n" + Props + " energy=0.5\nH 0 0 0 inf 0 0\n", 0, 3, "forces[0]: expected a finite number" },
        { "nan-energy", Good + "1\n" + Props + " energy=nan\nH 0 0 0 0 0 0\n", 1, 6, "'energy' is not finite" },
        { "string-energy", "1\n" + Props + " energy=low\nH 0 0 0 0 0 0\n", 0, 2, "'energy' must be a number" },
        { "too-few-columns", "1\n" + Props + "\nH 0 0 0 0 0\n", 0, 3, "expected 7 fields" },
        { "too-many-columns", "1\n" + Props + "\nH 0 0 0 0 0 0 9\n", 0, 3, "expected 7 fields" },
        { "unknown-property-type", "1\nProperties=species:S:1:pos:R:3:x:Q:1\nH 0 0 0 1\n", 0, 2, "expected S, R, I or L" },
        { "properties-not-triplets", "1\nProperties=species:S:1:pos:R\nH 0 0 0\n", 0, 2, "triplets" },
        { "no-positions", "1\nProperties=species:S:1\nH\n", 0, 2, "expected pos:R:3" },
        { "forces-wrong-shape", "1\nProperties=species:S:1:pos:R:3:forces:R:2\nH 0 0 0 0 0\n", 0, 2, "expected forces:R:3" },
        { "non-integer-int-column", "1\nProperties=species:S:1:pos:R:3:tag:I:1\nH 0 0 0 1.5\n", 0, 3, "tag: expected an integer" },
        { "bad-logical", "1\nProperties=species:S:1:pos:R:3:ok:L:1\nH 0 0 0 yes\n", 0, 3, "ok: expected T, F, True or False" },
        { "unterminated-quote", "1\nProperties=species:S:1:pos:R:3 name=\"open\nH 0 0 0\n", 0, 2, "unterminated" },
        { "stress-five-values", "1\nProperties=species:S:1:pos:R:3 energy=1.0 stress=\"1 2 3 4 5\"\nH 0 0 0\n", 0, 2, "'stress' must be 9 numbers" },
        { "bad-json", "1\nProperties=species:S:1:pos:R:3 x=\"_JSON [1,\"\nH 0 0 0\n", 0, 2, "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReadFrames_MalformedFile_ThrowsNamingFileFrameAndLine(string name, string content, int frame, int line, string fragment)
    {
        string path = Path.Combine(_dir, name + ".extxyz");
        File.WriteAllText(path, content);

        var e = Assert.Throws<ExtendedXyzFormatException>(() => ExtendedXyzReader.ReadFrames(path).ToList());

        Assert.Equal(path, e.Path);
        Assert.Equal(frame, e.Frame);
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"{path}:{line}: frame {frame}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFrames_MalformedSecondFrame_YieldsTheFirstFrameBeforeThrowing()
    {
        string path = Path.Combine(_dir, "second-bad.extxyz");
        File.WriteAllText(path, Good + "1\n" + Props + "\nXx 0 0 0 0 0 0\n");
        var read = new List<ExtendedXyzFrame>();

        Assert.Throws<ExtendedXyzFormatException>(() =>
        {
            foreach (var f in ExtendedXyzReader.ReadFrames(path))
            {
                read.Add(f);
            }
        });

        Assert.Single(read);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
