namespace AdversarialSampling.Runs;

/// <summary>How a labelling pass ended.</summary>
public enum LabellingStatus
{
    /// <summary>Every request reached a final outcome.</summary>
    Completed,

    /// <summary>
    /// Infrastructure trouble outlasted the retries: no new calls were started, calls in flight were finished and
    /// everything was committed. Requests without an outcome are <see cref="LabelStatus.Pending"/>; run the same
    /// pass again (after a resume) to continue.
    /// </summary>
    Paused,
}
