using Microsoft.Data.Sqlite;

namespace FluxSpecs.Cli.Tests.Batches;

/// <summary>A batch's <c>journal.db</c> read as it is on disk (read-only, no pooling), by row id.</summary>
internal static class BatchJournalFile
{
    public sealed record Entry(string? Status, string? Job, string Files);

    public static Dictionary<string, Entry> Read(string path)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, Entry>(StringComparer.Ordinal);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT row_id, status, job, files FROM batch_rows";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, Entry>(StringComparer.Ordinal);
        while (reader.Read())
        {
            rows[reader.GetString(0)] = new Entry(reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3));
        }

        return rows;
    }
}
