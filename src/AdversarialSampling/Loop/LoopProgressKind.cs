namespace AdversarialSampling.Loop;

/// <summary>What a <see cref="LoopProgress"/> event says.</summary>
public enum LoopProgressKind
{
    /// <summary>A phase started.</summary>
    Started,

    /// <summary>A phase finished and was committed.</summary>
    Completed,

    /// <summary>A phase was already committed by an earlier session (resume) and is skipped.</summary>
    Skipped,

    /// <summary>One label request finished (labelling phase; <see cref="LoopProgress.Completed"/> of <see cref="LoopProgress.Total"/>).</summary>
    Labelled,
}
