using AdversarialSampling.Structures;

namespace AdversarialSampling.Runs;

/// <summary>
/// Labels structures through an oracle with the run store as its ledger, so that nothing is lost and nothing is
/// paid twice (N1, N4). For each request: its <see cref="Oracles.OracleCallKey"/>; requests with the same key in a
/// batch are merged (<see cref="LabelStatus.DuplicateOfKey"/>); a key with a recorded success is reused, in this
/// or any earlier generation or run attempt (<see cref="LabelStatus.Reused"/>); a recorded failure is reported, not
/// re-run (unless <see cref="LabellingOptions.RetryStoredFailures"/> says so); the geometry gate runs before any
/// call; an intent row is committed before each call; results pass the physics gate and are committed one
/// transaction per key.
/// </summary>
/// <remarks>
/// <para>Infrastructure errors (and an oracle's own cancellation) are retried with exponential backoff; when
/// <see cref="LabellingOptions.InfrastructureAttempts"/> are used up, or the store cannot be written, no further
/// calls start, calls in flight finish and are committed, and the pass returns <see cref="LabellingStatus.Paused"/>
/// (it does not throw). Running the same pass again after fixing the cause continues where it stopped.</para>
/// <para>Cancellation stops launching calls and cancels those in flight (the oracle gets the token); results that
/// completed are committed, nothing false is recorded (an interrupted call keeps its intent row and is re-run
/// next time), and <see cref="OperationCanceledException"/> is thrown at the end.</para>
/// <para>The one unavoidable re-payment: a call that the oracle completed but whose commit did not happen (the
/// process was killed between the two) is run again on resume — exactly the calls in flight at the crash.</para>
/// <para>Exceptions an oracle throws (against the <see cref="IOracle"/> contract) become failures:
/// <see cref="IOException"/> and <see cref="UnauthorizedAccessException"/> count as infrastructure trouble,
/// <see cref="TimeoutException"/> as a timeout, anything else as a crash.</para>
/// </remarks>
public sealed class LabellingEngine
{
    private static readonly string[] ReservedProvenanceKeys = ["energy", "stress", "Lattice", "pbc", "Properties"];
    private readonly RunStore _store;

    /// <summary>Creates an engine over a writable run store (which the caller keeps owning).</summary>
    /// <param name="store">The run store.</param>
    /// <exception cref="ArgumentException">The store is read-only.</exception>
    public LabellingEngine(RunStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.IsWritable)
        {
            throw new ArgumentException("The labelling engine needs a writable run store.", nameof(store));
        }

        _store = store;
    }

    /// <summary>Labels a batch of requests (see the type's remarks for the rules).</summary>
    /// <param name="oracle">The oracle; its <see cref="IOracle.Identity"/> enters every key.</param>
    /// <param name="requests">The requests.</param>
    /// <param name="options">Options; default <c>new LabellingOptions()</c>.</param>
    /// <param name="cancellationToken">Cancellation (see remarks).</param>
    /// <returns>One outcome per request, in request order, and counts.</returns>
    /// <exception cref="OperationCanceledException">Cancelled; completed results are committed.</exception>
    /// <exception cref="RunStoreCorruptException">The store turned out to be damaged.</exception>
    public Task<LabellingResult> LabelAsync(
        IOracle oracle,
        IReadOnlyList<LabelRequest> requests,
        LabellingOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(requests);
        options ??= new LabellingOptions();
        options.Validate();
        for (int i = 0; i < requests.Count; i++)
        {
            if (requests[i]?.Structure is null)
            {
                throw new ArgumentException($"Request {i} or its structure is null.", nameof(requests));
            }

            CheckProvenance(requests[i].Provenance, i);
        }

        return new LabellingPass(_store, oracle, requests, options, cancellationToken).RunAsync();
    }

    /// <summary>Provenance must be valid sample metadata that extended XYZ can write, checked before anything is paid for.</summary>
    private static void CheckProvenance(IReadOnlyDictionary<string, object>? provenance, int index)
    {
        if (provenance is null)
        {
            return;
        }

        try
        {
            _ = MetadataValue.NormalizeAll(provenance);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Request {index} has invalid provenance: {e.Message}", nameof(provenance), e);
        }

        if (provenance.Keys.FirstOrDefault(ReservedProvenanceKeys.Contains) is { } reserved)
        {
            throw new ArgumentException(
                $"Request {index} has the provenance key '{reserved}', which is reserved (extended XYZ writes the sample's own {reserved}).",
                nameof(provenance));
        }
    }
}
