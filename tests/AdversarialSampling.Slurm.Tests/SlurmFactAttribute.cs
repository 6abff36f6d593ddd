namespace AdversarialSampling.Slurm.Tests;

/// <summary>
/// A test that needs the real one-node cluster of tests/slurm/slurm-up.sh. It is skipped — with this reason — only
/// when no such cluster is up (AS_SLURM_DIR or SLURM_CONF unset); tests/run-tests.sh brings one up, so CI runs these
/// tests. A SLURM_CONF alone (a real cluster's) is not enough: these tests SIGKILL and restart the controller.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLURM_CONF")) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AS_SLURM_DIR")))
        {
            Skip = "No test cluster is up (SLURM_CONF or AS_SLURM_DIR unset): run tests/slurm/slurm-up.sh and source the env.sh it writes, or use tests/run-tests.sh, which does both.";
        }
    }
}
