using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// In-process job like <see cref="InProcessConfig"/> (the benchmark runs in the launched process, so its environment — LD_PRELOAD of tcmalloc,
/// OMP_NUM_THREADS — applies, and libtorch's natives load as in the app) with 3 warm-up and 10 measured
/// iterations: for operations of milliseconds to a fraction of a second.
/// </summary>
public sealed class EvaluationJobConfig : ManualConfig
{
    public EvaluationJobConfig()
        => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
}
