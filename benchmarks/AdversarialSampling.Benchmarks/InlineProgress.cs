namespace AdversarialSampling.Benchmarks;

/// <summary>An <see cref="IProgress{T}"/> that runs its action on the reporting thread, immediately.</summary>
internal sealed class InlineProgress<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
