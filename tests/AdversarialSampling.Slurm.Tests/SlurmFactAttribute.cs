namespace AdversarialSampling.Slurm.Tests;

/// <summary>
/// A test that needs the real one-node cluster of tests/slurm/slurm-up.sh. It is skipped — with this reason — only
/// when no cluster is up (SLURM_CONF unset); tests/run-tests.sh brings one up, so CI runs these tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLURM_CONF")))
        {
            Skip = "No SLURM cluster is up (SLURM_CONF is unset): run tests/slurm/slurm-up.sh and export what it prints, or use tests/run-tests.sh, which does both.";
        }
    }
}
