namespace AdversarialSampling.Loop;

/// <summary>
/// The phases of a generation, in execution order. Generation 0 runs <see cref="Merge"/> (the initial data becomes the
/// generation-0 dataset), <see cref="Train"/>, <see cref="Evaluate"/>, <see cref="Report"/>; every later generation g runs
/// all seven: explore with committee g−1, select, label, merge into dataset g, train committee g, evaluate it, report.
/// Each phase is committed to the run store in one transaction together with its result; a resumed run skips committed phases.
/// </summary>
public enum LoopPhase
{
    /// <summary>Run every explorer (attack) from the seed structures with the previous generation's committee.</summary>
    Explore,

    /// <summary>Score the candidates with the loop's uncertainty metric and select which to label (candidates and decisions are stored).</summary>
    Select,

    /// <summary>Label the accepted candidates with the oracle (gates, bounded concurrency, resumable per key).</summary>
    Label,

    /// <summary>Append the new labels to the dataset (the generation's dataset is stored whole).</summary>
    Merge,

    /// <summary>Train the generation's committee (checkpointed with SHA-256 when it is a <see cref="Committees.TorchCommittee"/>).</summary>
    Train,

    /// <summary>Validation/test errors and the training set's uncertainties (the next selection threshold).</summary>
    Evaluate,

    /// <summary>Write <c>generations/gen-NNN/report.json</c> and <c>dataset.extxyz</c> and yield the report.</summary>
    Report,
}
