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
