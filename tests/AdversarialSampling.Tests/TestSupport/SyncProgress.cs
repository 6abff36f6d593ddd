namespace AdversarialSampling.Tests.TestSupport;

/// <summary>An <see cref="IProgress{T}"/> that reports synchronously on the caller's thread.</summary>
internal sealed class SyncProgress<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
