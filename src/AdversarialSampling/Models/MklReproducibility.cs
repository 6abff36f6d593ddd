using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AdversarialSampling.Models;

/// <summary>
/// Makes libtorch's bundled Intel MKL give the same result run after run. Without conditional numerical
/// reproducibility MKL picks a kernel path by the memory alignment of its operands, so two float64 trainings with the
/// same seed and thread count gave different weights: 2 distinct results in 6 trainings of a 3 × 128 coordinate MLP,
/// one thread, on the project's machine kind (float32 was unaffected in that case). Setting the environment variable
/// <c>MKL_CBWR=AUTO</c> before MKL's first call removes the alignment dependence while keeping the fastest kernel path
/// of the processor (measured: the same training time, and for float32 with one thread the same weights as without it).
/// </summary>
/// <remarks>
/// <para>The library sets <c>MKL_CBWR=AUTO</c> in its process on Linux when its assembly is first used, unless the
/// variable is already set (a value you set is kept). MKL reads it once, at its first computation: a host that runs
/// TorchSharp computations before it touches this library should set <c>MKL_CBWR=AUTO</c> itself (in the environment
/// or before that first computation).</para>
/// <para>With more than one thread, <c>AUTO</c> can change float32 results against an unset variable (still the same
/// run after run): measured on a 3 × 512 MLP with two threads.</para>
/// </remarks>
internal static class MklReproducibility
{
    /// <summary>The environment variable MKL reads.</summary>
    public const string Variable = "MKL_CBWR";

    /// <summary>The value the library sets.</summary>
    public const string Value = "AUTO";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "MKL reads MKL_CBWR once, at its first computation: the variable must be set before any TorchSharp computation of the library, and the first use of the assembly is the only point that precedes all of them.")]
    internal static void Initialize()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null)
        {
            return;
        }

        try
        {
            // .NET keeps its own copy of the environment on Unix; MKL reads the C library's, so set it there too.
            _ = SetEnv(Variable, Value, 0);
            Environment.SetEnvironmentVariable(Variable, Value);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library to call: MKL keeps its default, alignment-dependent kernels.
        }
    }

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
