namespace AdversarialSampling.Loop;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler synchronously on the reporting thread (no synchronisation context).</summary>
/// <typeparam name="T">The progress value.</typeparam>
internal sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
