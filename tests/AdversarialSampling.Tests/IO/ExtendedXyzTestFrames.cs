using System.Collections.Immutable;
using AdversarialSampling.IO;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.IO;

/// <summary>Frames that exercise every feature of the writer, and a bit-exact comparison.</summary>
internal static class ExtendedXyzTestFrames
{
    public static List<ExtendedXyzFrame> Rich()
    {
        var rng = new Random(20240611);
        double R() => Math.Round(rng.NextDouble() * 10 - 5, 12) + rng.NextDouble() * 1e-13;

        var cell = new UnitCell([5.1, 0, 0, 0.7, 6.2, 0, 0.3, -0.4, 7.3], [true, true, false]);
        double[] positions = [-0.0, 1e-300, 5e-324, 123456789.12345679, 1.0 / 3, -2.0 / 3, 1e20, R(), R(), R(), R(), R()];
        var periodic = new AtomicStructure([7, 1, 1, 17], positions, cell);
        var info = new Dictionary<string, object>
        {
            ["energy"] = -1.0,
            ["stress"] = ImmutableArray.Create(0.1, 0.02, -0.03, 0.025, 0.2, 0.04, -0.035, 0.045, 0.3),
            ["virial"] = ImmutableArray.Create(1.0, 2, 3, 4, 5, 6, 7, 8, 9.5),
            ["free_energy"] = -1.0000000000000002,
            ["spaces"] = "hello world",
            ["quotes"] = "say \"hi\" and 'bye'",
            ["backslash"] = @"C:\path\to\file",
            ["brackets"] = "{a} [b] c=d, e",
            ["unicode"] = "Å–ü",
            ["looks_int"] = "12",
            ["looks_float"] = "1.5",
            ["looks_bool"] = "T",
            ["looks_nan"] = "nan",
            ["looks_array"] = "1 2 3",
            ["empty"] = string.Empty,
            ["newline"] = "two\nlines\ttab",
            ["json_lookalike"] = "_JSON [1, 2]",
            ["json_invalid"] = "_JSON {oops",
            ["count"] = 42L,
            ["negative"] = -7L,
            ["huge"] = long.MaxValue,
            ["integral"] = 3.0,
            ["tiny"] = 5e-324,
            ["big"] = 1e300,
            ["third"] = 1.0 / 3,
            ["flag"] = true,
            ["off"] = false,
            ["ints"] = ImmutableArray.Create(1L, -2L, 3L),
            ["one_int"] = ImmutableArray.Create(5L),
            ["floats"] = ImmutableArray.Create(1.5, -2.0, 1e-7),
            ["one_float"] = ImmutableArray.Create(2.0),
            ["no_floats"] = ImmutableArray<double>.Empty,
            ["bools"] = ImmutableArray.Create(true, false, true),
            ["one_bool"] = ImmutableArray.Create(false),
            ["words"] = ImmutableArray.Create("alpha", "beta gamma", "12"),
            ["one_word"] = ImmutableArray.Create("solo"),
            ["key with space"] = "value",
        };
        var arrays = new Dictionary<string, PerAtomProperty>
        {
            ["forces"] = PerAtomProperty.FromReals(3, Enumerable.Range(0, 12).Select(_ => R())),
            ["charges_r"] = PerAtomProperty.FromReals(1, [0.5, -0.25, -0.25, 1e-17]),
            ["tags"] = PerAtomProperty.FromIntegers(1, [0, -1, 2, 2_000_000_000]),
            ["flags"] = PerAtomProperty.FromLogicals(2, [true, false, false, true, true, true, false, false]),
            ["labels"] = PerAtomProperty.FromStrings(1, ["n1", "h_a", "h-b", "x\"y"]),
            ["velocities"] = PerAtomProperty.FromReals(3, Enumerable.Range(0, 12).Select(_ => R())),
        };

        var molecule = AtomicStructure.FromSymbols(["N", "H", "H", "H"], [0, 0, 0.3, 0.9, 0, -0.1, -0.5, 0.8, -0.1, -0.5, -0.8, -0.1], constraints: new StructureConstraints([0, 2]));
        var surface = AtomicStructure.FromSymbols(["Pt", "O"], [0, 0, 0, 0.5, 0.5, 2.0], UnitCell.Orthorhombic(2.77, 2.77, 20, [true, true, false]),
            new StructureConstraints(null, [new FixedCartesian(1, false, false, true)]));
        return
        [
            new ExtendedXyzFrame(periodic, info, arrays),
            new ExtendedXyzFrame(molecule, [new("energy", 2.0), new("generation", 1L), new("origin", "adversarial")],
                [new("forces", PerAtomProperty.FromReals(3, Enumerable.Range(0, 12).Select(_ => R())))]),
            new ExtendedXyzFrame(surface, [new("energy", -12.345678901234567)]),
            new ExtendedXyzFrame(AtomicStructure.FromSymbols(["Ar"], [0, 0, 0], UnitCell.Orthorhombic(3, 3, 3)), [new("energy", 0L)]),
        ];
    }

    public static void AssertSame(ExtendedXyzFrame expected, ExtendedXyzFrame actual, string where)
    {
        SequenceAssert.Equal(expected.Structure.AtomicNumbers, actual.Structure.AtomicNumbers);
        AssertBits(expected.Structure.Positions, actual.Structure.Positions, where + " positions");
        Assert.Equal(expected.Structure.Cell, actual.Structure.Cell);
        Assert.Equal(expected.Structure.FrozenMask(), actual.Structure.FrozenMask());
        Assert.Equal(expected.Info.Keys.Order(StringComparer.Ordinal), actual.Info.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected.Info)
        {
            AssertSameValue(value, actual.Info[key], $"{where} info '{key}'");
        }

        Assert.Equal(expected.Arrays.Keys.Order(StringComparer.Ordinal), actual.Arrays.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, property) in expected.Arrays)
        {
            Assert.True(property.Equals(actual.Arrays[name]), $"{where} array '{name}' differs");
        }
    }

    public static void AssertBits(IEnumerable<double> expected, IEnumerable<double> actual, string where)
        => Assert.True(
            expected.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(actual.Select(BitConverter.DoubleToInt64Bits)),
            $"{where}: expected [{string.Join(", ", expected.Select(d => d.ToString("R")))}], found [{string.Join(", ", actual.Select(d => d.ToString("R")))}]");

    private static void AssertSameValue(object expected, object actual, string where)
    {
        switch (expected)
        {
            case double d:
                AssertBits([d], [Assert.IsType<double>(actual)], where);
                break;
            case ImmutableArray<double> a:
                AssertBits(a, Assert.IsType<ImmutableArray<double>>(actual), where);
                break;
            case ImmutableArray<long> a:
                SequenceAssert.Equal(a, Assert.IsType<ImmutableArray<long>>(actual));
                break;
            case ImmutableArray<bool> a:
                SequenceAssert.Equal(a, Assert.IsType<ImmutableArray<bool>>(actual));
                break;
            case ImmutableArray<string> a:
                SequenceAssert.Equal(a, Assert.IsType<ImmutableArray<string>>(actual));
                break;
            default:
                Assert.Equal(expected.GetType(), actual.GetType());
                Assert.Equal(expected, actual);
                break;
        }
    }
}
