namespace AdversarialSampling.Cli;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler synchronously on the reporting thread.</summary>
/// <typeparam name="T">Progress value type.</typeparam>
/// <param name="handler">The handler.</param>
internal sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
