namespace AdversarialSampling.Oracles;

/// <summary>A typed oracle failure.</summary>
/// <param name="Kind">The failure kind.</param>
/// <param name="Message">A one-line description naming the problem.</param>
/// <param name="OutputTail">The last lines of the program's output, if any.</param>
public sealed record OracleFailure(OracleFailureKind Kind, string Message, string? OutputTail = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Message}";
}
