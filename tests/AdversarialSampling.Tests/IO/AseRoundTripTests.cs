using System.Collections.Immutable;
using System.Text.Json;
using AdversarialSampling.IO;

namespace AdversarialSampling.Tests.IO;

/// <summary>
/// Both directions against real ASE 3.22 (Debian's python3-ase): files ASE writes read here with the values ASE
/// itself reads back, and files written here read in ASE with bit-identical values. Fails (never skips) without ASE.
/// </summary>
[Trait("Category", "Ase")]
public sealed class AseRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ase-roundtrip-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadFrames_FileWrittenByAse_GivesTheValuesAseReadsBack()
    {
        string path = Path.Combine(_dir, "from-ase.extxyz");
        var ase = AsePython.Run(_dir, "ase_write", path);

        var frames = ExtendedXyzReader.ReadFrames(path).ToList();

        Assert.Equal(ase.GetArrayLength(), frames.Count);
        Assert.Equal(4, frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            AssertMatchesAse(frames[i], ase[i], $"frame {i}");
        }

        // The features the script asked ASE to write really are in the file.
        Assert.Equal([true, true, false], frames[0].Structure.Cell!.Periodic.ToArray());
        Assert.Equal(["flag", "forces", "label", "q", "tags_i", "vel"], frames[0].Arrays.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("hello world", frames[0].Info["name"]);
        Assert.Equal([0, 2], frames[1].Structure.Constraints.FixedAtoms.ToArray());
        Assert.Equal([false, false, false, false, false, true], frames[2].Structure.FrozenMask());
        Assert.Null(frames[3].Energy);
    }

    [Fact]
    public void WriteFrames_ReadByAse_GivesBitIdenticalValues()
    {
        string path = Path.Combine(_dir, "from-csharp.extxyz");
        var frames = ExtendedXyzTestFrames.Rich();
        ExtendedXyzWriter.WriteFrames(path, frames);

        var ase = AsePython.Run(_dir, "ase_read", path);

        Assert.Equal(frames.Count, ase.GetArrayLength());
        for (int i = 0; i < frames.Count; i++)
        {
            AssertMatchesAse(frames[i], ase[i], $"frame {i}");
        }
    }

    [Fact]
    public void ReadFrames_TrickyCommentLines_ParseAsAseParsesThem()
    {
        string[] lines =
        [
            """a=1_000 b=+5 c=007 d=1.5e3 e=nan f=Infinity g=1_0.5 h=T i=True j="1 2 3" k="1 2.0" l="T F" n=[1,2] o=x\ y p="a\"b" bare""",
            """q = 5 r=99999999999999999999 t=0x10 u="_JSON [1,2.5]" v="_JSON \"12\"" w=1e500 x=.5 y=5. z=-0 "key sp"=3 aa==b cc=d=e""",
            """dd={1 2} ee='T' ff=1,2,3 uid=007 gg="_JSON true" hh=_JSON ii="_JSON [true, false]" jj="_JSON []" kk="" ll=F""",
            """s="with 'single' quotes" t2='with "double" quotes' u2={braces [inside]} v2=1e-5 w2=-.25E+3 x2="1, 2, 3" y2=T,F""",
        ];
        string file = Path.Combine(_dir, "lines.txt");
        File.WriteAllLines(file, lines);

        var ase = AsePython.Run(_dir, "parse_lines", file);

        for (int i = 0; i < lines.Length; i++)
        {
            var frame = ExtendedXyzReader.ReadFrames(new StringReader($"1\n{lines[i]}\nH 0 0 0\n"), "line").Single();
            AssertInfoMatches(frame.Info, ase[i], $"line {i}");
        }
    }

    private static void AssertMatchesAse(ExtendedXyzFrame frame, JsonElement ase, string where)
    {
        var s = frame.Structure;
        Assert.Equal(Ints(ase.GetProperty("numbers")), s.AtomicNumbers.ToArray());
        ExtendedXyzTestFrames.AssertBits(Floats(ase.GetProperty("positions")), s.Positions, where + " positions");
        ExtendedXyzTestFrames.AssertBits(Floats(ase.GetProperty("cell")), s.Cell?.Vectors ?? [0, 0, 0, 0, 0, 0, 0, 0, 0], where + " cell");
        Assert.Equal(Bools(ase.GetProperty("pbc")), s.Cell?.Periodic.ToArray() ?? [false, false, false]);
        Assert.Equal(Bools(ase.GetProperty("frozen")), s.FrozenMask());
        AssertInfoMatches(frame.Info, ase.GetProperty("info"), where);

        var arrays = ase.GetProperty("arrays");
        Assert.Equal(arrays.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), frame.Arrays.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, property) in frame.Arrays)
        {
            var a = arrays.GetProperty(name);
            Assert.Equal(a.GetProperty("type").GetString(), property.TypeCode.ToString());
            Assert.Equal(a.GetProperty("cols").GetInt32(), property.Columns);
            var v = a.GetProperty("v");
            switch (property.Type)
            {
                case PerAtomPropertyType.Real:
                    ExtendedXyzTestFrames.AssertBits(Floats(v), property.Reals, $"{where} array {name}");
                    break;
                case PerAtomPropertyType.Integer:
                    Assert.Equal(v.EnumerateArray().Select(x => x.GetInt64()), property.Integers.ToArray());
                    break;
                case PerAtomPropertyType.Logical:
                    Assert.Equal(Bools(v), property.Logicals.ToArray());
                    break;
                default:
                    Assert.Equal(v.EnumerateArray().Select(x => x.GetString()!), property.Strings.ToArray());
                    break;
            }
        }

        var results = ase.GetProperty("results");
        if (results.TryGetProperty("energy", out var energy))
        {
            ExtendedXyzTestFrames.AssertBits([Number(energy)], [frame.Energy!.Value], where + " energy");
        }
        else
        {
            Assert.Null(frame.Energy);
        }

        ExtendedXyzTestFrames.AssertBits(results.TryGetProperty("forces", out var f) ? Floats(f.GetProperty("v")) : [], frame.Forces, where + " forces");
        var m = frame.Stress;
        ExtendedXyzTestFrames.AssertBits(
            results.TryGetProperty("stress", out var st) ? Floats(st.GetProperty("v")) : [],
            m.IsEmpty ? [] : [m[0], m[4], m[8], m[5], m[2], m[1]], // ASE's Voigt order from the 3×3 it read
            where + " stress");
    }

    private static void AssertInfoMatches(ImmutableDictionary<string, object> info, JsonElement ase, string where)
    {
        Assert.Equal(ase.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), info.Keys.Order(StringComparer.Ordinal));
        foreach (var p in ase.EnumerateObject())
        {
            string at = $"{where} info '{p.Name}'";
            object actual = info[p.Name];
            var v = p.Value.GetProperty("v");
            switch (p.Value.GetProperty("t").GetString())
            {
                case "int":
                    Assert.Equal(v.GetInt64(), Assert.IsType<long>(actual));
                    break;
                case "float":
                    ExtendedXyzTestFrames.AssertBits([Parse(v.GetString()!)], [Assert.IsType<double>(actual)], at);
                    break;
                case "bool":
                    Assert.Equal(v.GetBoolean(), Assert.IsType<bool>(actual));
                    break;
                case "str":
                    Assert.Equal(v.GetString(), Assert.IsType<string>(actual));
                    break;
                case "int[]" when actual is ImmutableArray<double> asDoubles: // a 3×3 key (virial) that ASE keeps as ints
                    ExtendedXyzTestFrames.AssertBits(v.EnumerateArray().Select(x => (double)x.GetInt64()), asDoubles, at);
                    break;
                case "int[]":
                    Assert.Equal(v.EnumerateArray().Select(x => x.GetInt64()), Assert.IsType<ImmutableArray<long>>(actual).ToArray());
                    break;
                case "float[]":
                    ExtendedXyzTestFrames.AssertBits(Floats(v), Assert.IsType<ImmutableArray<double>>(actual), at);
                    break;
                case "bool[]":
                    Assert.Equal(Bools(v), Assert.IsType<ImmutableArray<bool>>(actual).ToArray());
                    break;
                case "str[]":
                    Assert.Equal(v.EnumerateArray().Select(x => x.GetString()!), Assert.IsType<ImmutableArray<string>>(actual).ToArray());
                    break;
                default:
                    Assert.Fail($"{at}: unexpected ASE type {p.Value}");
                    break;
            }
        }
    }

    private static double Number(JsonElement typed)
        => typed.GetProperty("t").GetString() == "int" ? typed.GetProperty("v").GetInt64() : Parse(typed.GetProperty("v").GetString()!);

    private static double Parse(string repr)
        => PythonLiteral.TryParseFloat(repr, out double d) ? d : throw new FormatException($"not a Python float: {repr}");

    private static double[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(x => Parse(x.GetString()!))];

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(x => x.GetInt32())];

    private static bool[] Bools(JsonElement array) => [.. array.EnumerateArray().Select(x => x.GetBoolean())];
}
