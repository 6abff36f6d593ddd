namespace AdversarialSampling.Cli.Tests;

/// <summary>
/// A test that needs the one-node test cluster of tests/slurm/slurm-up.sh; skipped, with this reason, only when none
/// is up (SLURM_CONF or AS_SLURM_DIR unset). tests/run-tests.sh (the README test command, run by CI) brings one up.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SlurmClusterFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when no test cluster is up.</summary>
    public SlurmClusterFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLURM_CONF")) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AS_SLURM_DIR")))
        {
            Skip = "No test cluster is up (SLURM_CONF or AS_SLURM_DIR unset): run tests/slurm/slurm-up.sh and source the env.sh it writes, or use tests/run-tests.sh, which does both.";
        }
    }
}
