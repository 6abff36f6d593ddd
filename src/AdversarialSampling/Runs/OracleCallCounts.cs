namespace AdversarialSampling.Runs;

/// <summary>
/// How many oracle-call ledger rows are in each state (see <see cref="RunStore.CountOracleCalls"/>).
/// </summary>
/// <param name="Intent">Calls in flight, or left in flight by a crash or an infrastructure error (≥ 0).</param>
/// <param name="Succeeded">Calls with a recorded result (≥ 0).</param>
/// <param name="Failed">Calls with a recorded failure, geometry-gate rejections included (≥ 0).</param>
public readonly record struct OracleCallCounts(int Intent, int Succeeded, int Failed)
{
    /// <summary>All rows counted (≥ 0).</summary>
    public int Total => Intent + Succeeded + Failed;
}
