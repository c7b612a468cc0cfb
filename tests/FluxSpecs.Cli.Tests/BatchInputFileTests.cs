using System.Text;
using FluxSpecs.Batches;
using FluxSpecs.Cli.Requests;

namespace FluxSpecs.Cli.Tests;

/// <summary>The batch input as a list that reads each row from the file when asked.</summary>
public sealed class BatchInputFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fluxspecs-input-tests-");

    private static string Line(string id, string prompt) =>
        "{\"id\": \"" + id + "\", \"model\": \"flux-2-pro\", \"request\": {\"prompt\": \"" + prompt + "\"}}";

    [Fact]
    public async Task Rows_are_read_again_from_where_they_lie_past_a_bom_crlf_blank_lines_long_and_non_ascii_lines()
    {
        var long_ = new string('x', 200_000); // longer than the reader's 64 KiB buffer
        var text = "\uFEFF" + Line("a", "caf\u00e9 \u2615") + "\r\n\r\n   \t\n" + Line("b", long_) + "\n" + Line("c", "last, no line break");
        var path = Path.Combine(_directory.FullName, "in.jsonl");
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
        var seen = new List<string>();

        using var rows = await BatchInputFile.OpenAsync(path, TextReader.Null, row => seen.Add(row.Id), CancellationToken.None);

        Assert.Equal(["a", "b", "c"], seen);
        Assert.Equal(3, rows.Count);
        Assert.Equal("caf\u00e9 \u2615", rows[0].Parameters["prompt"]);
        Assert.Equal(long_, rows[1].Parameters["prompt"]);
        Assert.Equal("last, no line break", rows[2].Parameters["prompt"]);

        // Read on many threads at once, in any order, as the runner does.
        var ids = new string[300];
        Parallel.For(0, ids.Length, i => ids[i] = rows[i % 3].Id);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => "abc"[i % 3].ToString()), ids);
    }

    [Fact]
    public async Task Resolve_is_applied_to_every_row_read()
    {
        var path = Path.Combine(_directory.FullName, "in.jsonl");
        await File.WriteAllLinesAsync(path, [Line("a", "x")]);

        using var rows = await BatchInputFile.OpenAsync(path, TextReader.Null, _ => { }, CancellationToken.None);
        rows.Resolve = row => row with { ProviderId = "fal" };

        Assert.Equal("fal", rows[0].ProviderId);
        Assert.Equal(["fal"], rows.Select(row => row.ProviderId));
    }

    [Fact]
    public async Task Standard_input_is_read_and_its_copy_deleted_when_the_list_is_disposed()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "fluxspecs-batch-input-*.jsonl").ToHashSet();
        BatchRow second;
        string copy;
        using (var rows = await BatchInputFile.OpenAsync("-", new StringReader(Line("a", "x") + "\n" + Line("b", "y") + "\n"), _ => { }, CancellationToken.None))
        {
            copy = Assert.Single(Directory.GetFiles(Path.GetTempPath(), "fluxspecs-batch-input-*.jsonl").Except(before));
            second = rows[1];
        }

        Assert.Equal("y", second.Parameters["prompt"]);
        Assert.False(File.Exists(copy));
    }

    [Fact]
    public async Task A_line_that_no_longer_reads_as_it_did_is_a_usage_error_naming_the_file_and_line()
    {
        var path = Path.Combine(_directory.FullName, "in.jsonl");
        await File.WriteAllLinesAsync(path, ["", Line("a", "x")]);
        using var rows = await BatchInputFile.OpenAsync(path, TextReader.Null, _ => { }, CancellationToken.None);

        await File.WriteAllTextAsync(path, "\n" + new string('#', 80));

        var changed = Assert.Throws<UsageException>(() => rows[0]);
        Assert.Contains("changed while the batch ran (line 2", changed.Message, StringComparison.Ordinal);
        Assert.Contains(path, changed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_thrown_for_a_row_while_opening_stops_the_opening()
    {
        var path = Path.Combine(_directory.FullName, "in.jsonl");
        await File.WriteAllLinesAsync(path, [Line("a", "x"), Line("b", "y")]);

        var refused = await Assert.ThrowsAsync<UsageException>(() => BatchInputFile.OpenAsync(path, TextReader.Null, row =>
        {
            if (row.Id == "b")
            {
                throw new UsageException("row 'b' is refused");
            }
        }, CancellationToken.None));

        Assert.Equal("row 'b' is refused", refused.Message);
    }

    [Fact]
    public async Task The_batch_command_reads_rows_from_standard_input()
    {
        var stdin = Line("a", "a red bicycle").Replace("\"prompt\": \"a red bicycle\"", "\"prompt\": \"a red bicycle\", \"aspect_ratio\": \"custom\", \"width\": 256, \"height\": 256", StringComparison.Ordinal) + "\n";
        var output = Path.Combine(_directory.FullName, "out");

        var result = await Cli.RunAsync(Models.ModelCatalog.Models, stdin, "batch", "--input", "-", "--out", output, "--emulate", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"succeeded\":1", result.Out, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Path.Combine(output, BatchRunner.ResultsFileName)));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
