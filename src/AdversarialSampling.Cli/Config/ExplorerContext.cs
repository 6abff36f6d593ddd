using AdversarialSampling.Structures;

namespace AdversarialSampling.Cli.Config;

/// <summary>What an explorer needs to be created: the initial data, the run's temperature and uncertainty metric, and where problems go.</summary>
/// <param name="InitialData">The initial labelled data (the <c>default</c> gradient preset derives its bounds from it).</param>
/// <param name="Temperature">The run's <c>temperature</c>, or null.</param>
/// <param name="Metric">The run's uncertainty metric (used in the attack objective when differentiable).</param>
/// <param name="Problems">Where construction problems go.</param>
internal sealed record ExplorerContext(Dataset InitialData, Temperature? Temperature, IUncertaintyMetric Metric, ConfigProblems Problems);
