using FluxSpecs.Batches;
using FluxSpecs.Clients;
using static FluxSpecs.Integration.Tests.Batches.BatchTestKit;

namespace FluxSpecs.Integration.Tests.Batches;

/// <summary>
/// Failover against the emulator: a row goes to its next provider only after a refusal that proves no job was made, never
/// after an answer that may mean a job exists; every attempt is recorded in the journal and in <c>results.jsonl</c>.
/// </summary>
public sealed class BatchFailoverTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("fluxspecs-failover-");

    [Theory]
    [InlineData("create:422;provider=bfl", 422)]
    [InlineData("create:401;provider=bfl", 401)]
    [InlineData("create:403;provider=bfl", 403)]
    [InlineData("create:429;retry-after=1;provider=bfl", 429)]
    public async Task A_create_refused_with_nothing_made_moves_on_to_the_next_provider(string faults, int status)
    {
        await using var emulator = await StartEmulatorAsync(faults);
        using var client = Client(emulator);

        // No 429 is waited out here (the wait comes first: see the next test), so each refusal moves the row on at once.
        var result = Assert.Single(await new BatchRunner(client, Options(_output, rateLimitRetries: 0)).RunRowsAsync([Row("a", "bfl,fal")]));

        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        Assert.Equal("fal", result.ProviderId);
        Assert.StartsWith("fluxspecs-job:fal/", result.JobHandle, StringComparison.Ordinal);
        Assert.Collection(
            result.Attempts,
            refused =>
            {
                Assert.Equal(("bfl", BatchAttemptOutcome.Refused, status), (refused.ProviderId, refused.Outcome, refused.HttpStatus));
                Assert.Contains("No job was created", refused.Message, StringComparison.Ordinal);
            },
            created => Assert.Equal(("fal", BatchAttemptOutcome.Created), (created.ProviderId, created.Outcome)));
        Assert.Equal(2, emulator.Jobs.TotalCreateAttempts);
        Assert.Equal(1, emulator.Jobs.TotalCreates);

        // The journal keeps both attempts and names the provider that made the job.
        var entry = (await JournalAsync(_output))["a"];
        Assert.Equal("fal", entry.ProviderId);
        Assert.Equal([BatchAttemptOutcome.Refused, BatchAttemptOutcome.Created], entry.Attempts.Select(a => a.Outcome));

        var attempts = Assert.Single(ResultLines(_output)).GetProperty("attempts");
        Assert.Equal(2, attempts.GetArrayLength());
        Assert.Equal("bfl", attempts[0].GetProperty("provider").GetString());
        Assert.Equal("refused", attempts[0].GetProperty("outcome").GetString());
        Assert.Equal(status, attempts[0].GetProperty("http_status").GetInt32());
        Assert.Equal("created", attempts[1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_key_the_provider_refuses_moves_on_to_the_next_provider()
    {
        await using var emulator = await StartEmulatorAsync(configure: options => options.ApiKeys["bfl"] = "the-right-key");
        using var client = Client(emulator);

        var result = Assert.Single(await new BatchRunner(client, Options(_output)).RunRowsAsync([Row("a", "bfl,fal")]));

        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        Assert.Equal((401, BatchAttemptOutcome.Refused), (result.Attempts[0].HttpStatus, result.Attempts[0].Outcome));
        Assert.Equal(1, emulator.Jobs.TotalCreates);
    }

    [Fact]
    public async Task A_connection_that_was_never_established_moves_on_to_the_next_provider()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator, options => options.Providers["bfl"].BaseUrl = ClosedPortUrl("bfl/"));

        var result = Assert.Single(await new BatchRunner(client, Options(_output)).RunRowsAsync([Row("a", "bfl,fal")]));

        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        var refused = result.Attempts[0];
        Assert.Equal(("bfl", BatchAttemptOutcome.Refused, (int?)null), (refused.ProviderId, refused.Outcome, refused.HttpStatus));
        Assert.Contains("could not be established", refused.Message, StringComparison.Ordinal);
        Assert.Equal(("fal", BatchAttemptOutcome.Created), (result.Attempts[1].ProviderId, result.Attempts[1].Outcome));
    }

    [Theory]
    [InlineData("create:503;provider=bfl")]
    [InlineData("create:500;provider=bfl")]
    [InlineData("create:drop;provider=bfl")]
    [InlineData("create:garbage;provider=bfl")]
    [InlineData("create:slow=3000;provider=bfl")]
    public async Task After_an_answer_that_may_mean_a_job_exists_no_provider_is_tried_again(string faults)
    {
        await using var emulator = await StartEmulatorAsync(faults);

        // A create that takes longer than this times out: the slow case.
        using var client = Client(emulator, options => options.Providers["bfl"].Retry = new RetryOptions { CreateTimeout = TimeSpan.FromMilliseconds(500) });

        for (var run = 0; run < 2; run++)
        {
            var result = Assert.Single(await new BatchRunner(client, Options(_output)).RunRowsAsync([Row("a", "bfl,fal,lumenfall")]));

            Assert.Equal(BatchRowStatus.Unknown, result.Status);
            var attempt = Assert.Single(result.Attempts);
            Assert.Equal(("bfl", BatchAttemptOutcome.MayExist), (attempt.ProviderId, attempt.Outcome));
            Assert.Equal(run == 1, result.FromJournal);

            // One create in all, on bfl: not fal, not lumenfall, not bfl again.
            Assert.Equal(1, emulator.Jobs.TotalCreateAttempts);
        }

        Assert.Equal("may_exist", Assert.Single(ResultLines(_output)).GetProperty("attempts")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_row_every_provider_refuses_fails_with_nothing_made_and_the_next_run_tries_again()
    {
        await using (var refusing = await StartEmulatorAsync("create:422"))
        using (var client = Client(refusing))
        {
            var refused = Assert.Single(await new BatchRunner(client, Options(_output)).RunRowsAsync([Row("a", "bfl,fal")]));

            Assert.Equal(BatchRowStatus.Failed, refused.Status);
            Assert.Null(refused.JobHandle);
            Assert.Equal(["bfl", "fal"], refused.Attempts.Select(a => a.ProviderId));
            Assert.All(refused.Attempts, a => Assert.Equal(BatchAttemptOutcome.Refused, a.Outcome));
            Assert.Contains("bfl create failed (HTTP 422)", refused.Error, StringComparison.Ordinal);
            Assert.Contains("fal create failed (HTTP 422)", refused.Error, StringComparison.Ordinal);
            Assert.True((await JournalAsync(_output))["a"].NothingCreated);
        }

        await using var emulator = await StartEmulatorAsync();
        using var working = Client(emulator);
        var result = Assert.Single(await new BatchRunner(working, Options(_output)).RunRowsAsync([Row("a", "bfl,fal")]));

        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        Assert.Equal("bfl", result.ProviderId);
        Assert.Equal(
            [("bfl", BatchAttemptOutcome.Refused), ("fal", BatchAttemptOutcome.Refused), ("bfl", BatchAttemptOutcome.Created)],
            result.Attempts.Select(a => (a.ProviderId, a.Outcome)));
    }

    [Fact]
    public async Task A_run_stopped_during_a_failover_create_reports_every_attempt_and_sends_nothing_more()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);
        await using (var journal = await SqliteBatchJournal.OpenAsync(Path.Combine(_output.FullName, BatchRunner.JournalFileName)))
        {
            // bfl refused; the fal create was announced and the process died before its answer was recorded.
            await journal.RecordIntentAsync(new BatchJournalEntry { RowId = "a", ModelId = "flux-2-pro", ProviderId = "bfl", EstimateUsd = 0.03m });
            await journal.RecordAttemptAsync("a", new BatchAttempt { ProviderId = "bfl", Outcome = BatchAttemptOutcome.Refused, HttpStatus = 429, Message = "throttled" });
            await journal.RecordIntentAsync(new BatchJournalEntry { RowId = "a", ModelId = "flux-2-pro", ProviderId = "fal", EstimateUsd = 0.03m });
        }

        var result = Assert.Single(await new BatchRunner(client, Options(_output)).RunRowsAsync([Row("a", "bfl,fal,lumenfall")]));

        Assert.Equal(BatchRowStatus.Unknown, result.Status);
        Assert.Equal("fal", result.ProviderId);
        Assert.Equal([("bfl", BatchAttemptOutcome.Refused), ("fal", BatchAttemptOutcome.MayExist)], result.Attempts.Select(a => (a.ProviderId, a.Outcome)));
        Assert.Equal(0, emulator.Jobs.TotalCreateAttempts);
        var attempts = Assert.Single(ResultLines(_output)).GetProperty("attempts");
        Assert.Equal(["refused", "may_exist"], attempts.EnumerateArray().Select(a => a.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Cheapest_picks_the_cheapest_provider_whose_rules_the_request_meets()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);

        // $0.015 on lumenfall and replicate (the tie goes by id). safety_tolerance 0 is below the minimum of 1 everywhere
        // but bfl ($0.03) and magnific (which drops it, and is unpriced, so ranks last).
        var results = await new BatchRunner(client, Options(_output)).RunRowsAsync([Row("any", "cheapest"), Row("strict", "cheapest", ("safety_tolerance", 0L))]);

        Assert.All(results, r => Assert.Equal(BatchRowStatus.Succeeded, r.Status));
        Assert.Equal(("lumenfall", 0.015m), (results[0].ProviderId, results[0].EstimateUsd));
        Assert.Equal(("bfl", 0.03m), (results[1].ProviderId, results[1].EstimateUsd));
        Assert.Equal(2, emulator.Jobs.TotalCreateAttempts);
    }

    [Fact]
    public async Task Cheapest_moves_on_down_the_price_ranking_after_a_refusal()
    {
        await using var emulator = await StartEmulatorAsync("create:429;provider=lumenfall");
        using var client = Client(emulator);

        var result = Assert.Single(await new BatchRunner(client, Options(_output, rateLimitRetries: 0)).RunRowsAsync([Row("a", "cheapest")]));

        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        Assert.Equal(["lumenfall", "replicate"], result.Attempts.Select(a => a.ProviderId));
    }

    [Fact]
    public async Task A_429_is_waited_out_on_the_same_provider_before_the_row_fails_over()
    {
        await using var emulator = await StartEmulatorAsync("create:429;retry-after=1;provider=bfl");
        using var client = Client(emulator);

        var result = Assert.Single(await new BatchRunner(client, Options(_output, rateLimitRetries: 1)).RunRowsAsync([Row("a", "bfl,fal")]));

        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        Assert.Equal(
            [("bfl", BatchAttemptOutcome.Refused), ("bfl", BatchAttemptOutcome.Refused), ("fal", BatchAttemptOutcome.Created)],
            result.Attempts.Select(a => (a.ProviderId, a.Outcome)));
        Assert.Equal(3, emulator.Jobs.TotalCreateAttempts);
        Assert.Equal(1, emulator.Jobs.TotalCreates);
        Assert.Equal(3, (await JournalAsync(_output))["a"].Attempts.Count);
    }

    [Fact]
    public async Task A_row_is_invalid_only_when_no_provider_of_its_list_accepts_it()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);
        var tolerance = ("safety_tolerance", (object?)0L);

        var results = await new BatchRunner(client, Options(_output)).RunRowsAsync([Row("none", "replicate,lumenfall", tolerance), Row("one", "replicate,bfl", tolerance)]);

        Assert.Equal(BatchRowStatus.Invalid, results[0].Status);
        Assert.Equal(["replicate", "lumenfall"], results[0].Violations.Select(v => v.Provider));
        Assert.All(results[0].Violations, v => Assert.Equal("safety_tolerance", v.Parameter));
        Assert.Equal(BatchRowStatus.Succeeded, results[1].Status);
        Assert.Equal(("bfl", BatchAttemptOutcome.Created), (Assert.Single(results[1].Attempts).ProviderId, results[1].Attempts[0].Outcome));
        Assert.Equal(1, emulator.Jobs.TotalCreateAttempts);
    }

    [Theory]
    [InlineData("bfl,,fal", "empty item")]
    [InlineData("bfl,cheapest", "mixes 'cheapest'")]
    [InlineData("bfl,fal,bfl", "names 'bfl' twice")]
    public async Task A_malformed_provider_choice_makes_the_row_invalid(string choice, string expected)
    {
        using var client = new FluxSpecsClient();

        var result = Assert.Single(await new BatchRunner(client, Options(_output)).RunRowsAsync([Row("a", choice)]));

        Assert.Equal(BatchRowStatus.Invalid, result.Status);
        Assert.Contains(expected, Assert.Single(result.Violations).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_budget_applies_to_each_attempt_with_that_providers_estimate()
    {
        await using var emulator = await StartEmulatorAsync();
        using var client = Client(emulator);

        // bfl's $0.03 does not fit $0.02; lumenfall's $0.015 does.
        var result = Assert.Single(await new BatchRunner(client, Options(_output, maxCost: 0.02m)).RunRowsAsync([Row("a", "bfl,lumenfall")]));

        Assert.Equal(BatchRowStatus.Succeeded, result.Status);
        Assert.Equal(("lumenfall", 0.015m), (result.ProviderId, result.EstimateUsd));
        Assert.Equal(["lumenfall"], result.Attempts.Select(a => a.ProviderId));
    }

    [Fact]
    public async Task A_refusal_gives_its_reservation_back_and_the_budget_stops_the_failover()
    {
        await using var emulator = await StartEmulatorAsync("create:422;provider=lumenfall");
        using var client = Client(emulator);

        // lumenfall ($0.015) is tried and refuses; bfl's $0.03 does not fit $0.02, so the row ends skipped.
        var result = Assert.Single(await new BatchRunner(client, Options(_output, maxCost: 0.02m)).RunRowsAsync([Row("a", "lumenfall,bfl")]));

        Assert.Equal(BatchRowStatus.Skipped, result.Status);
        Assert.Equal(BatchRowReason.Budget, result.Reason);
        Assert.Equal(["lumenfall"], result.Attempts.Select(a => a.ProviderId));
        Assert.Contains("committed spend of $0 ", result.Error, StringComparison.Ordinal);
        Assert.True((await JournalAsync(_output))["a"].NothingCreated);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _output.Delete(recursive: true);
    }
}
