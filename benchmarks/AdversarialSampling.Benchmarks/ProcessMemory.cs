using System.Globalization;

namespace AdversarialSampling.Benchmarks;

/// <summary>Memory of this process as the kernel sees it.</summary>
internal static class ProcessMemory
{
    /// <summary>Resident set size (VmRSS of /proc/self/status) in MB (2²⁰ bytes); NaN where unavailable.</summary>
    public static double ResidentMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }
}
