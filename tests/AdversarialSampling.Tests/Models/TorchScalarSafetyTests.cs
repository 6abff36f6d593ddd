using System.Reflection;
using AdversarialSampling.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Models;

/// <summary>
/// TorchSharp 0.107 frees a temporary <see cref="Scalar"/> in its finalizer while libtorch may still read it
/// ("Unknown scalar type" crashes in long runs). The library routes every number-to-Scalar conversion through
/// <see cref="TorchScalars"/>; these tests keep it that way and show the helpers compute exactly what the operators did.
/// </summary>
public class TorchScalarSafetyTests
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    [Fact]
    public void LibraryAndSampleAssemblies_CreateTorchSharpScalarsOnlyInTorchScalars()
    {
        var makers = ScalarMakingTorchSharpMethods();
        Assert.Contains(makers, m => m.DeclaringType == typeof(Tensor) && m.Name == "square");
        Assert.Contains(makers, m => m.Name == "op_Addition" && m.GetParameters().All(p => p.ParameterType == typeof(Tensor)));
        Assert.Contains(makers, m => m.Name == "op_Multiply" && m.GetParameters().Any(p => p.ParameterType == typeof(double)));

        var offenders = Offenders(makers,
        [
            typeof(TorchScalars).Assembly, typeof(AdversarialSampling.Xtb.XtbOracle).Assembly, typeof(AdversarialSampling.Slurm.SlurmLauncher).Assembly,
            typeof(AdversarialSampling.Samples.DoubleWell.ComparisonRun).Assembly, typeof(AdversarialSampling.Samples.OneDimension.Comparison1D).Assembly,
            typeof(AdversarialSampling.Samples.Ammonia.SampleOptions).Assembly,
        ]);

        Assert.True(offenders.Count == 0, "Temporary TorchSharp Scalars outside TorchScalars:\n" + string.Join("\n", offenders.Distinct()));
    }

    [Fact]
    public void BenchmarkAssembly_CreatesTorchSharpScalarsOnlyInTorchScalars()
    {
        // The benchmarks are built before this project (a build-order-only project reference) and loaded from their own
        // output folder, so BenchmarkDotNet never becomes a dependency of the tests.
        string configuration = typeof(TorchScalarSafetyTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AdversarialSampling.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        string path = Path.Combine(root.FullName, "benchmarks", "AdversarialSampling.Benchmarks", "bin", configuration, "net10.0", "AdversarialSampling.Benchmarks.dll");
        Assert.True(File.Exists(path), $"{path} is missing: build the solution (the benchmarks are a build dependency of this test project).");
        var benchmarks = Assembly.LoadFrom(path);
        var scanned = Types(benchmarks).SelectMany(Methods).Count();
        Assert.True(benchmarks.GetTypes().Length > 5 && scanned > 50, $"only {scanned} methods of the benchmarks were scanned");

        var offenders = Offenders(ScalarMakingTorchSharpMethods(), [benchmarks]);
        Assert.True(offenders.Count == 0, "Temporary TorchSharp Scalars outside TorchScalars:\n" + string.Join("\n", offenders.Distinct()));
    }

    [Fact]
    public void ScalarScan_FlagsAnOperatorWithANumber()
    {
        // The scan above must be able to fail: this test class's own helper uses `tensor * 2.0`.
        var makers = ScalarMakingTorchSharpMethods();
        var method = typeof(TorchScalarSafetyTests).GetMethod(nameof(OperatorWithNumber), All)!;
        Assert.Contains(Callees(method), c => IsScalarConversion(c) || makers.Contains(Definition(c)));
    }

    [Fact]
    public void Softplus_UsesTheScalarOverload_AndEqualsTorchSharpsSoftplusBitForBit()
    {
        Assert.True(TorchScalars.SoftplusKeepsScalarsAlive, "TorchSharp's private Tensor.softplus1(Scalar, Scalar) was not found");
        using var scope = NewDisposeScope();
        var x = (randn(1000, ScalarType.Float32, generator: new Generator(3)) * 30).requires_grad_();
        var expected = nn.functional.softplus(x);
        var actual = TorchScalars.Softplus(x);
        Assert.True(Same(expected, actual), "forward differs");
        var gExpected = autograd.grad([expected.sum()], [x])[0];
        var gActual = autograd.grad([actual.sum()], [x])[0];
        Assert.True(Same(gExpected, gActual), "gradient differs");
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Helpers_EqualTheOperatorsTheyReplace_BitForBit(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(11);
        var a = randn([4, 5], dtype, generator: generator);
        var b = randn([4, 5], dtype, generator: generator);
        const double v = 0.37;
        Assert.True(Same(a + b, a.Plus(b)));
        Assert.True(Same(a.square(), a.Squared()));
        Assert.True(Same(a * v, a.Times(v)));
        Assert.True(Same(a * 3, a.Times(3)));
        Assert.True(Same(a + v, a.Plus(v)));
        Assert.True(Same(a - v, a.Minus(v)));
        Assert.True(Same(a - 1, a.Minus(1)));
        Assert.True(Same(a / v, a.Over(v)));
        Assert.True(Same(a / 7L, a.Over(7L)));
        Assert.True(Same(v / b, TorchScalars.DividedBy(v, b)));
        var c1 = a.clone();
        var c2 = a.clone();
        c1.add_(b);
        c2.PlusInPlace(b);
        Assert.True(Same(c1, c2));
        Assert.True(Same(ShiftedSoftplus.Apply(a), nn.functional.softplus(a) - ShiftedSoftplus.Ln2));
    }

    private static Tensor OperatorWithNumber(Tensor t) => t * 2.0;

    /// <summary>Same dtype, shape and values, bit for bit (float32 widens to float64 exactly).</summary>
    private static bool Same(Tensor x, Tensor y)
        => x.dtype == y.dtype && x.shape.SequenceEqual(y.shape)
            && x.detach().to_type(ScalarType.Float64).data<double>().ToArray().SequenceEqual(y.detach().to_type(ScalarType.Float64).data<double>().ToArray());

    private static HashSet<MethodBase> ScalarMakingTorchSharpMethods()
    {
        // Every TorchSharp method that converts a number to a Scalar, directly or through another such method.
        var methods = Types(typeof(Tensor).Assembly).SelectMany(Methods).ToList();
        var calls = methods.ToDictionary(m => m, m => Callees(m).Select(Definition).ToList());
        var makers = new HashSet<MethodBase>();
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var m in methods)
            {
                if (!makers.Contains(m) && calls[m].Any(c => IsScalarConversion(c) || makers.Contains(c)))
                {
                    makers.Add(m);
                    changed = true;
                }
            }
        }

        return makers;
    }

    private static List<string> Offenders(HashSet<MethodBase> makers, Assembly[] assemblies)
    {
        var offenders = new List<string>();
        foreach (var assembly in assemblies)
        {
            foreach (var type in Types(assembly).Where(t => t != typeof(TorchScalars)))
            {
                foreach (var method in Methods(type))
                {
                    foreach (var callee in Callees(method))
                    {
                        if (IsScalarConversion(callee) || makers.Contains(Definition(callee)))
                        {
                            offenders.Add($"{type.FullName}.{method.Name} calls {callee.DeclaringType?.Name}.{callee.Name}({string.Join(", ", callee.GetParameters().Select(p => p.ParameterType.Name))})");
                        }
                    }
                }
            }
        }
        return offenders;
    }

    private static bool IsScalarConversion(MethodBase m)
        => (m.DeclaringType == typeof(Scalar) && m.Name == "op_Implicit") || (m.Name == "ToScalar" && m.DeclaringType?.Assembly == typeof(Scalar).Assembly);

    private static MethodBase Definition(MethodBase m) => m is MethodInfo { IsGenericMethod: true } g ? g.GetGenericMethodDefinition() : m;

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static IEnumerable<MethodBase> Methods(Type type)
        => type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)).Concat(type.TypeInitializer is { } c ? [c] : []).Distinct();

    /// <summary>The methods <paramref name="method"/>'s IL calls (call, callvirt, newobj, ldftn).</summary>
    private static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or NotSupportedException)
        {
            yield break;
        }

        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            int op = il[i++];
            if (op == 0xFE)
            {
                op = 0xFE00 | il[i++];
            }

            int size = OperandSize(op, il, i);
            if (op is 0x28 or 0x6F or 0x73 or 0xFE06 or 0xFE07)
            {
                MethodBase? callee = null;
                try
                {
                    callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException or MissingMethodException)
                {
                }

                if (callee is not null)
                {
                    yield return callee;
                }
            }

            i += size;
        }
    }

    private static int OperandSize(int op, byte[] il, int at) => op switch
    {
        0x20 or 0x22 or 0xDD or (>= 0x38 and <= 0x44) => 4,
        0x21 or 0x23 => 8,
        0x1F or (>= 0x2B and <= 0x37) or 0xDE or (>= 0x0E and <= 0x13) or 0xFE12 or 0xFE19 => 1,
        0x45 => 4 + (4 * BitConverter.ToInt32(il, at)),
        >= 0xFE09 and <= 0xFE0E => 2,
        0x27 or 0x28 or 0x29 or 0x6F or 0x70 or 0x71 or 0x72 or 0x73 or 0x74 or 0x75 or 0x79 or 0x7B or 0x7C or 0x7D or 0x7E
            or 0x7F or 0x80 or 0x81 or 0x8C or 0x8D or 0x8F or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xD0
            or 0xFE06 or 0xFE07 or 0xFE15 or 0xFE16 or 0xFE1C => 4,
        _ => 0,
    };
}
