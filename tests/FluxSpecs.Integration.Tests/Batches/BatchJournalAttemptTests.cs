using FluxSpecs.Batches;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>The journal across failover: one intent per create, the next only after a refusal is recorded, every attempt kept.</summary>
public sealed class BatchJournalAttemptTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fluxspecs-journal-attempts-");

    private string Path => System.IO.Path.Combine(_directory.FullName, "journal.db");

    private static BatchJournalEntry Intent(string provider) => new() { RowId = "a", ModelId = "flux-2-pro", ProviderId = provider, EstimateUsd = 0.03m };

    private static BatchAttempt Refused(string provider) => new() { ProviderId = provider, Outcome = BatchAttemptOutcome.Refused, HttpStatus = 429, ProviderCode = "rate_limited", Message = "throttled" };

    [Fact]
    public async Task Each_create_has_its_intent_and_a_refused_one_lets_the_next_provider_follow()
    {
        await using (var journal = await SqliteBatchJournal.OpenAsync(Path))
        {
            await journal.RecordIntentAsync(Intent("bfl"));

            // Before the refusal is recorded, the bfl create may still have made a job: no second intent.
            await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordIntentAsync(Intent("fal")));

            await journal.RecordAttemptAsync("a", Refused("bfl"));
            Assert.True((await journal.ReadAsync())["a"].NothingCreated);
            await journal.RecordIntentAsync(Intent("fal"));
        }

        // The run stopped during the fal create: reopened, the row names fal and its unanswered create may exist.
        await using var reopened = await SqliteBatchJournal.OpenAsync(Path);
        var entry = (await reopened.ReadAsync())["a"];

        Assert.Equal("fal", entry.ProviderId);
        Assert.Null(entry.Status);
        Assert.False(entry.NothingCreated);
        Assert.Collection(
            entry.Attempts,
            first => Assert.Equal(Refused("bfl"), first),
            second => Assert.Equal(("fal", BatchAttemptOutcome.MayExist, (int?)null), (second.ProviderId, second.Outcome, second.HttpStatus)));
    }

    [Fact]
    public async Task Finding_one_row_gives_the_entry_and_attempts_that_reading_all_gives_and_null_for_a_row_not_recorded()
    {
        await using var journal = await SqliteBatchJournal.OpenAsync(Path);
        await journal.RecordIntentAsync(Intent("bfl"));
        await journal.RecordAttemptAsync("a", Refused("bfl"));
        await journal.RecordIntentAsync(Intent("fal"));
        await journal.RecordJobAsync("a", "fal:job-1");
        await journal.RecordIntentAsync(Intent("bfl") with { RowId = "b" });

        var found = await journal.FindAsync("a");

        var read = (await journal.ReadAsync())["a"];
        Assert.NotNull(found);
        Assert.Equal(read with { Attempts = [], Files = [] }, found with { Attempts = [], Files = [] });
        Assert.Equal(read.Attempts, found.Attempts);
        Assert.Equal(["bfl", "fal"], found.Attempts.Select(a => a.ProviderId));
        Assert.Equal("fal:job-1", found.JobHandle);
        Assert.Equal("b", (await journal.FindAsync("b"))?.RowId);
        Assert.Null(await journal.FindAsync("c"));
    }

    [Fact]
    public async Task An_attempt_that_may_have_made_a_job_never_lets_another_intent_follow()
    {
        await using var journal = await SqliteBatchJournal.OpenAsync(Path);
        await journal.RecordIntentAsync(Intent("bfl"));
        await journal.RecordAttemptAsync("a", new BatchAttempt { ProviderId = "bfl", Outcome = BatchAttemptOutcome.MayExist, HttpStatus = 503 });
        await journal.RecordOutcomeAsync("a", BatchRowStatus.Unknown, null, [], "may have been charged");

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordIntentAsync(Intent("fal")));
        var entry = (await journal.ReadAsync())["a"];
        Assert.Equal((BatchAttemptOutcome.MayExist, (int?)503), (Assert.Single(entry.Attempts).Outcome, entry.Attempts[0].HttpStatus));
    }

    [Fact]
    public async Task A_job_handle_marks_its_attempt_created_and_an_answer_needs_an_unanswered_create()
    {
        await using var journal = await SqliteBatchJournal.OpenAsync(Path);
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordAttemptAsync("a", Refused("bfl")));
        await journal.RecordIntentAsync(Intent("bfl"));
        await journal.RecordJobAsync("a", "fluxspecs-job:bfl/1");

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.RecordAttemptAsync("a", Refused("bfl")));
        var entry = (await journal.ReadAsync())["a"];
        Assert.Equal(BatchAttemptOutcome.Created, Assert.Single(entry.Attempts).Outcome);
        Assert.Null(entry.Status);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
