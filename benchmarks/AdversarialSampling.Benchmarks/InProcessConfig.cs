using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AdversarialSampling.Benchmarks;

/// <summary>One launch, one warm-up, three iterations, in process.</summary>
internal class InProcessConfig : ManualConfig
{
    public InProcessConfig()
        : this(InProcessEmitToolchain.Instance)
    {
    }

    /// <summary>The same job on another in-process toolchain.</summary>
    /// <param name="toolchain">The toolchain.</param>
    protected InProcessConfig(IToolchain toolchain)
        => AddJob(Job.Default.WithToolchain(toolchain).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
}

/// <summary>As <see cref="InProcessConfig"/>, with a 30-minute limit per case instead of the toolchain's default.</summary>
internal sealed class LongInProcessConfig() : InProcessConfig(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true));
