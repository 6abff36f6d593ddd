using System.Diagnostics.CodeAnalysis;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Oracles;

/// <summary>Either a labelled sample or a typed failure.</summary>
public sealed class OracleOutcome
{
    private OracleOutcome(LabelledSample? sample, OracleFailure? failure)
    {
        Sample = sample;
        Failure = failure;
    }

    /// <summary>The labels when the call succeeded.</summary>
    public LabelledSample? Sample { get; }

    /// <summary>The failure when the call failed.</summary>
    public OracleFailure? Failure { get; }

    /// <summary>True if <see cref="Sample"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Sample))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Sample is not null;

    /// <summary>A successful outcome.</summary>
    /// <param name="sample">The labelled sample.</param>
    /// <returns>The outcome.</returns>
    public static OracleOutcome Success(LabelledSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new OracleOutcome(sample, null);
    }

    /// <summary>A failed outcome.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The outcome.</returns>
    public static OracleOutcome Failed(OracleFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new OracleOutcome(null, failure);
    }

    /// <summary>A failed outcome.</summary>
    /// <param name="kind">Failure kind.</param>
    /// <param name="message">One-line description.</param>
    /// <param name="outputTail">Optional output tail.</param>
    /// <returns>The outcome.</returns>
    public static OracleOutcome Failed(OracleFailureKind kind, string message, string? outputTail = null)
        => Failed(new OracleFailure(kind, message, outputTail));

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? $"Success: E = {Sample.Energy} eV" : Failure.ToString();
}
