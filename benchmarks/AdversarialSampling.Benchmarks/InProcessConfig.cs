using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AdversarialSampling.Benchmarks;

/// <summary>One launch, one warm-up, three iterations, in process.</summary>
internal sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig()
        => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
}

/// <summary>As <see cref="InProcessConfig"/>, with a 30-minute limit per case instead of the toolchain's default.</summary>
internal sealed class LongInProcessConfig : ManualConfig
{
    public LongInProcessConfig()
        => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
}
