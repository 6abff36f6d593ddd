using System.Collections.Immutable;
using System.Globalization;
using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Potentials;

/// <summary>
/// Base of the closed-form potentials: each is both an <see cref="IPotential"/> (energy in eV, forces in eV/Å)
/// and a cheap, exact <see cref="IOracle"/> that labels structures with that energy and those forces.
/// <see cref="LabelAsync"/> never throws for a bad structure: a structure outside the potential's contract
/// becomes a <see cref="OracleFailureKind.GeometryRejected"/> failure, a non-finite result an
/// <see cref="OracleFailureKind.UnphysicalResult"/> failure and a cancelled token a
/// <see cref="OracleFailureKind.Cancelled"/> failure.
/// </summary>
public abstract class AnalyticPotential : IPotential, IOracle
{
    /// <summary>Metadata key of the oracle name written into labelled samples ("oracle").</summary>
    public const string OracleMetadataKey = "oracle";

    /// <summary>Metadata key of the oracle version written into labelled samples ("oracle_version").</summary>
    public const string OracleVersionMetadataKey = "oracle_version";

    private OracleIdentity? _identity;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>Implementation version of the formula ("1"); bump it when results change.</summary>
    public virtual string Version => "1";

    /// <summary>
    /// Oracle identity: <see cref="Name"/>, <see cref="Version"/> and every parameter that changes results,
    /// formatted with the invariant culture in round-trip form.
    /// </summary>
    public OracleIdentity Identity => _identity ??= new OracleIdentity(Name, Version, IdentitySettings());

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The structure is outside the potential's contract (named in the message).</exception>
    public abstract PotentialResult Compute(AtomicStructure structure, CancellationToken cancellationToken = default);

    /// <summary>
    /// Labels a structure with this potential's energy (eV) and forces (eV/Å). Metadata of the sample:
    /// <c>oracle</c> = <see cref="Name"/>, <c>oracle_version</c> = <see cref="Version"/>.
    /// </summary>
    /// <param name="structure">The structure (positions in Å).</param>
    /// <param name="cancellationToken">Cancellation; a cancelled token gives a <see cref="OracleFailureKind.Cancelled"/> failure.</param>
    /// <returns>The labelled sample, or a typed failure.</returns>
    public Task<OracleOutcome> LabelAsync(AtomicStructure structure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(structure);
        return Task.FromResult(Label(structure, cancellationToken));
    }

    /// <summary>The settings that enter <see cref="Identity"/> (parameter name → invariant value).</summary>
    /// <returns>Key/value pairs; may be empty.</returns>
    protected abstract IEnumerable<KeyValuePair<string, string>> IdentitySettings();

    /// <summary>Formats a parameter for <see cref="IdentitySettings"/> (invariant culture, round-trip).</summary>
    /// <param name="key">Parameter name.</param>
    /// <param name="value">Value.</param>
    /// <returns>The pair.</returns>
    protected static KeyValuePair<string, string> Setting(string key, double value)
        => new(key, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>
    /// A labelled sample of a finite result, with metadata <c>oracle</c> = <see cref="Name"/> and
    /// <c>oracle_version</c> = <see cref="Version"/>.
    /// </summary>
    /// <param name="structure">The structure.</param>
    /// <param name="result">Its finite energy (eV) and forces (eV/Å).</param>
    /// <returns>The sample.</returns>
    protected LabelledSample ToSample(AtomicStructure structure, PotentialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metadata = ImmutableArray.Create(
            new KeyValuePair<string, object>(OracleMetadataKey, Name),
            new KeyValuePair<string, object>(OracleVersionMetadataKey, Version));
        return new LabelledSample(structure, result.Energy, result.Forces, metadata: metadata);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is finite and positive.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">Parameter name for the message.</param>
    /// <param name="unit">Unit for the message.</param>
    protected static void RequirePositive(double value, string name, string unit)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and positive ({unit}).");
        }
    }

    private OracleOutcome Label(AtomicStructure structure, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return OracleOutcome.Failed(OracleFailureKind.Cancelled, $"{Name}: the call was cancelled before it started.");
        }

        PotentialResult result;
        try
        {
            result = Compute(structure, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return OracleOutcome.Failed(OracleFailureKind.Cancelled, $"{Name}: the call was cancelled.");
        }
        catch (ArgumentException e)
        {
            return OracleOutcome.Failed(OracleFailureKind.GeometryRejected, $"{Name}: {e.Message}");
        }

        if (!result.IsFinite)
        {
            return OracleOutcome.Failed(
                OracleFailureKind.UnphysicalResult,
                $"{Name}: non-finite result ({result.ToString()}; {result.Forces.Count(f => !double.IsFinite(f))} non-finite force components), e.g. overlapping atoms or a coordinate far outside the surface's range.");
        }

        return OracleOutcome.Success(ToSample(structure, result));
    }
}
