using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// In-process job (see <see cref="EvaluationJobConfig"/>) with 1 warm-up and 5 measured iterations, one invocation
/// each: for training operations of seconds.
/// </summary>
public sealed class TrainingJobConfig : ManualConfig
{
    public TrainingJobConfig()
        => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));
}
