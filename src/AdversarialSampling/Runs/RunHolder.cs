namespace AdversarialSampling.Runs;

/// <summary>
/// The process that holds a run directory's single-writer lock, as it recorded itself in <c>run.owner</c> (see
/// <see cref="RunStore.FindHolder"/>). Fields are null when the owner file is missing or unreadable.
/// </summary>
/// <param name="ProcessId">The holder's process id.</param>
/// <param name="Host">The holder's host name.</param>
/// <param name="Since">When it took the lock (UTC).</param>
public sealed record RunHolder(int? ProcessId, string? Host, DateTimeOffset? Since);
