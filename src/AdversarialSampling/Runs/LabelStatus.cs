namespace AdversarialSampling.Runs;

/// <summary>How one label request ended (every request ends in exactly one of these; nothing is dropped silently).</summary>
public enum LabelStatus
{
    /// <summary>Not finished: the labelling paused (infrastructure trouble) before this request was done.</summary>
    Pending,

    /// <summary>The oracle was called for it in this labelling pass and the result was recorded.</summary>
    Labelled,

    /// <summary>Its key already had a recorded successful result (earlier pass, generation or resumed run); not paid again.</summary>
    Reused,

    /// <summary>The oracle failed, or the physics gate rejected the result (or such a failure was already recorded).</summary>
    Failed,

    /// <summary>The geometry gate rejected it; the oracle was not called.</summary>
    GateRejected,

    /// <summary>An earlier request of the same batch has the same key; this one was merged into it and adds nothing.</summary>
    DuplicateOfKey,
}
