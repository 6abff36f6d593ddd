namespace AdversarialSampling.Runs;

/// <summary>How <see cref="RunStore.Open"/> opens a run directory.</summary>
public enum RunStoreOpenMode
{
    /// <summary>Create a new store (the directory is created if needed); fails if the directory already has one.</summary>
    CreateNew,

    /// <summary>Open an existing store for writing (resume); fails if there is none.</summary>
    OpenExisting,

    /// <summary>Open an existing store for reading only, without taking the writer lock (inspect a run while it runs).</summary>
    ReadOnly,
}
