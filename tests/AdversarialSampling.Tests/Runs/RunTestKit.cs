using System.Globalization;
using System.Text;
using AdversarialSampling.IO;
using AdversarialSampling.Runs;
using AdversarialSampling.Structures;
using Microsoft.Data.Sqlite;

namespace AdversarialSampling.Tests.Runs;

/// <summary>Helpers of the run-store tests: temporary run directories, raw database dumps, sample texts.</summary>
internal static class RunTestKit
{
    public static string NewDirectory(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    public static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>Every row of every table of a database, read with a separate read-only connection, as text.</summary>
    public static string Dump(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (string table in tables)
        {
            text.Append("## ").Append(table).Append('\n');
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    object value = reader.GetValue(i);
                    text.Append(value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture))
                        .Append('|');
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Executes SQL on a database behind the store's back (to simulate damage).</summary>
    public static void Tamper(string databasePath, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Labelled samples as extended XYZ text (exact: round-trip doubles, metadata included).</summary>
    public static string Text(IEnumerable<LabelledSample> samples)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        ExtendedXyzWriter.WriteSamples(writer, samples);
        return writer.ToString();
    }

    /// <summary>Reads everything through the store's API (verifying checksums and content hashes).</summary>
    public static void ReadEverything(RunStore store)
    {
        _ = store.GetRun();
        _ = store.GetPhases();
        _ = store.GetOracleCalls();
        _ = store.GetCheckpoints();
        foreach (int generation in store.GetPhases().Select(p => p.Generation).Append(0).Distinct())
        {
            _ = store.GetCandidates(generation);
            _ = store.LoadDatasetEntries(generation);
        }
    }

    /// <summary>A water-like molecule shifted by <paramref name="shift"/> Å along x.</summary>
    public static AtomicStructure Water(double shift = 0)
        => new([8, 1, 1], [shift, 0, 0, shift + 0.96, 0, 0, shift - 0.24, 0.93, 0]);
}
