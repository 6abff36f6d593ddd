namespace AdversarialSampling.Samples.Snippets;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once on the reporting thread (unlike
/// <see cref="Progress{T}"/>, which posts to the thread pool, so events could print out of order).
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
/// <param name="handler">The handler (may be called from several threads while labelling).</param>
public sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}
