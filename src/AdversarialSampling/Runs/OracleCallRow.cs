using AdversarialSampling.Oracles;

namespace AdversarialSampling.Runs;

/// <summary>A raw, mutable oracle-call row for read-modify-write inside a transaction; saved with a fresh checksum.</summary>
internal sealed class OracleCallRow
{
    private OracleCallRow(string key, string oracle, string structureXyz, string status, string createdUtc)
    {
        Key = key;
        Oracle = oracle;
        StructureXyz = structureXyz;
        Status = status;
        CreatedUtc = createdUtc;
    }

    public string Key { get; }

    public string Oracle { get; }

    public string StructureXyz { get; }

    public string CreatedUtc { get; }

    public string Status { get; set; }

    public double? Energy { get; set; }

    public string? ForcesJson { get; set; }

    public string? StressJson { get; set; }

    public string? FailureKind { get; set; }

    public string? Message { get; set; }

    public string? OutputTail { get; set; }

    public int Attempts { get; set; }

    public string? ExternalJobId { get; set; }

    public static OracleCallRow New(string key, string oracle, string structureXyz, string status)
        => new(key, oracle, structureXyz, status, RunStore.Now());

    /// <summary>Loads a row, verifying its checksum (a damaged row is never rewritten with a fresh one).</summary>
    public static OracleCallRow? Load(RunStore store, string key)
    {
        using var command = store.Command(
            """
            SELECT oracle, structure_xyz, status, created_utc, energy, forces_json, stress_json, failure_kind, message, output_tail,
                   attempts, external_job_id, checksum
            FROM oracle_calls WHERE key = $k
            """,
            ("$k", key));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var row = new OracleCallRow(key, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
        {
            Energy = reader.IsDBNull(4) ? null : reader.GetDouble(4),
            ForcesJson = Text(5),
            StressJson = Text(6),
            FailureKind = Text(7),
            Message = Text(8),
            OutputTail = Text(9),
            Attempts = reader.GetInt32(10),
            ExternalJobId = Text(11),
        };
        if (row.Checksum() != reader.GetString(12))
        {
            throw new RunStoreCorruptException(
                $"The run store '{store.DatabasePath}' is corrupt: oracle call {key} does not match its checksum. Restore the run directory from a backup, or start a new run.");
        }

        return row;
    }

    public void ClearResult()
    {
        Energy = null;
        ForcesJson = null;
        StressJson = null;
        FailureKind = null;
        Message = null;
        OutputTail = null;
    }

    public void SetFailure(OracleFailure failure)
    {
        FailureKind = failure.Kind.ToString();
        Message = failure.Message;
        OutputTail = failure.OutputTail;
    }

    public void Save(RunStore store, bool insert)
    {
        var parameters = new (string, object?)[]
        {
            ("$k", Key), ("$st", Status), ("$o", Oracle), ("$x", StructureXyz), ("$e", Energy), ("$f", ForcesJson), ("$s", StressJson),
            ("$fk", FailureKind), ("$m", Message), ("$ot", OutputTail), ("$a", Attempts), ("$j", ExternalJobId), ("$c", CreatedUtc),
            ("$u", RunStore.Now()), ("$h", Checksum()),
        };
        store.Execute(
            insert
                ? """
                  INSERT INTO oracle_calls (key, status, oracle, structure_xyz, energy, forces_json, stress_json, failure_kind, message, output_tail,
                                            attempts, external_job_id, created_utc, updated_utc, checksum)
                  VALUES ($k, $st, $o, $x, $e, $f, $s, $fk, $m, $ot, $a, $j, $c, $u, $h)
                  """
                : """
                  UPDATE oracle_calls SET status = $st, energy = $e, forces_json = $f, stress_json = $s, failure_kind = $fk, message = $m,
                         output_tail = $ot, attempts = $a, external_job_id = $j, updated_utc = $u, checksum = $h
                  WHERE key = $k AND oracle = $o AND structure_xyz = $x AND created_utc = $c
                  """,
            parameters);
    }

    private string Checksum()
        => RunStore.OracleCallChecksum(Key, Status, Oracle, StructureXyz, Energy, ForcesJson, StressJson, FailureKind, Message, OutputTail);
}
