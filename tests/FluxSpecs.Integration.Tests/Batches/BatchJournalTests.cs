using FluxSpecs.Batches;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>The journal's states: intent → job handle → outcome, durable across reopening, and never a second create.</summary>
public sealed class BatchJournalTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fluxspecs-journal-");

    private string Path => System.IO.Path.Combine(_directory.FullName, "journal.db");

    private static BatchJournalEntry Intent(string row) => new() { RowId = row, ModelId = "flux-2-pro", ProviderId = "bfl", EstimateUsd = 0.03m };

    [Fact]
    public async Task Intent_handle_and_outcome_are_read_back_after_reopening()
    {
        await using (var journal = await SqliteBatchJournal.OpenAsync(Path))
        {
            await journal.RecordIntentAsync(Intent("a"));
            await journal.RecordIntentAsync(Intent("b"));
            await journal.RecordJobAsync("a", "fluxspecs-job:bfl/123&polling_url=https%3A%2F%2Fx");
            await journal.RecordOutcomeAsync("a", BatchRowStatus.Succeeded, 0.045m, ["a.jpg"], null);
        }

        await using var reopened = await SqliteBatchJournal.OpenAsync(Path);
        var entries = await reopened.ReadAsync();

        Assert.Equal(BatchRowStatus.Succeeded, entries["a"].Status);
        Assert.Equal("fluxspecs-job:bfl/123&polling_url=https%3A%2F%2Fx", entries["a"].JobHandle);
        Assert.Equal(0.045m, entries["a"].CostUsd);
        Assert.Equal(0.03m, entries["a"].EstimateUsd);
        Assert.Equal(["a.jpg"], entries["a"].Files);
        Assert.Null(entries["b"].JobHandle);
        Assert.Null(entries["b"].Status);
    }

    [Fact]
    public async Task A_row_with_an_intent_cannot_be_intended_again_whatever_followed()
    {
        await using var journal = await SqliteBatchJournal.OpenAsync(Path);
        await journal.RecordIntentAsync(Intent("intent-only"));
        await journal.RecordIntentAsync(Intent("with-job"));
        await journal.RecordJobAsync("with-job", "fluxspecs-job:bfl/1");
        await journal.RecordIntentAsync(Intent("unknown"));
        await journal.RecordOutcomeAsync("unknown", BatchRowStatus.Unknown, null, [], "may have been charged");
        await journal.RecordIntentAsync(Intent("job-failed"));
        await journal.RecordJobAsync("job-failed", "fluxspecs-job:bfl/2");
        await journal.RecordOutcomeAsync("job-failed", BatchRowStatus.Failed, null, [], "Error");

        foreach (var row in new[] { "intent-only", "with-job", "unknown", "job-failed" })
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordIntentAsync(Intent(row)));
            Assert.Contains(row, refused.Message, StringComparison.Ordinal);
        }

        var entries = await journal.ReadAsync();
        Assert.Null(entries["intent-only"].Status);
        Assert.Equal("fluxspecs-job:bfl/1", entries["with-job"].JobHandle);
        Assert.Equal(BatchRowStatus.Unknown, entries["unknown"].Status);
    }

    [Fact]
    public async Task Only_a_create_refused_with_nothing_made_may_be_intended_again()
    {
        await using var journal = await SqliteBatchJournal.OpenAsync(Path);
        await journal.RecordIntentAsync(Intent("refused"));
        await journal.RecordOutcomeAsync("refused", BatchRowStatus.Failed, null, [], "HTTP 422; no job was created");
        Assert.True((await journal.ReadAsync())["refused"].NothingCreated);

        await journal.RecordIntentAsync(Intent("refused"));

        var entry = (await journal.ReadAsync())["refused"];
        Assert.Null(entry.Status);
        Assert.Null(entry.Error);
        Assert.False(entry.NothingCreated);
    }

    [Fact]
    public async Task A_handle_or_an_outcome_needs_an_intent_and_a_handle_comes_before_the_outcome()
    {
        await using var journal = await SqliteBatchJournal.OpenAsync(Path);

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordJobAsync("nobody", "fluxspecs-job:bfl/1"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordOutcomeAsync("nobody", BatchRowStatus.Succeeded, null, [], null));

        await journal.RecordIntentAsync(Intent("ended"));
        await journal.RecordOutcomeAsync("ended", BatchRowStatus.Unknown, null, [], "may have been charged");
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordJobAsync("ended", "fluxspecs-job:bfl/9"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
