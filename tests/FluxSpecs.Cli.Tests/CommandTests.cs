using FluxSpecs.Images;
using System.Text.Json;

namespace FluxSpecs.Cli.Tests;

/// <summary>Each command, both output modes, and each exit code.</summary>
[Collection(ProcessWideState.Name)]
public sealed class CommandTests
{
    [Fact]
    public async Task Models_lists_every_card_in_a_table_and_as_json()
    {
        var human = await Cli.RunAsync("models");
        var json = await Cli.RunAsync("models", "--json");

        Assert.Equal(0, human.ExitCode);
        Assert.Contains("flux-2-pro", human.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(["flux-2-dev", "flux-2-pro"], document.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(4, document.RootElement[0].GetProperty("providers").GetArrayLength());
    }

    [Fact]
    public async Task Describe_shows_parameters_and_providers()
    {
        var human = await Cli.RunAsync("describe", "flux-2-pro");
        var json = await Cli.RunAsync("describe", "flux-2-pro", "--json");

        Assert.Contains("safety_tolerance", human.Out, StringComparison.Ordinal);
        Assert.Contains("magnific", human.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        var width = document.RootElement.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "width");
        Assert.Equal(2048, width.GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task An_unknown_model_is_a_usage_error_listing_the_models()
    {
        var result = await Cli.RunAsync("describe", "flux-9");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Unknown model 'flux-9'. Models: flux-2-dev, flux-2-pro.", result.Error.Trim());
    }

    [Fact]
    public async Task Validate_reports_every_violation_as_json_with_exit_code_2()
    {
        var result = await Cli.RunAsync("validate", "--model", "flux-2-pro", "--provider", "magnific", "--set", "prompt=x", "--set", "aspect_ratio=custom", "--set", "width=2000", "--set", "height=999", "--json");

        Assert.Equal(2, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.False(document.RootElement.GetProperty("valid").GetBoolean());
        var rules = document.RootElement.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("parameter").GetString() + ":" + v.GetProperty("rule").GetString()).ToList();
        Assert.Equal(["height:multiple_of", "width:max"], rules.Order());
    }

    [Fact]
    public async Task Validate_accepts_a_valid_request_from_standard_input()
    {
        var result = await Cli.RunAsync(Models.ModelCatalog.Models, """{"prompt": "x", "input_images": ["https://example.com/a.png"], "safety_tolerance": 3}""", "validate", "--model", "flux-2-pro", "--provider", "bfl", "--request", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("valid", result.Out.Trim());
    }

    [Theory]
    [InlineData("colour=red", "Unknown parameter 'colour' for flux-2-pro. Parameters: prompt, input_images")]
    [InlineData("width=wide", "width takes an integer, but got 'wide'.")]
    [InlineData("output_format=bmp", "output_format takes one of jpeg, png, webp, gif, avif, but got 'bmp'.")]
    public async Task Unknown_names_and_unparsable_values_are_usage_errors(string set, string message)
    {
        var result = await Cli.RunAsync("validate", "--model", "flux-2-pro", "--set", "prompt=x", "--set", set);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payload_shows_the_exact_request_with_the_key_redacted()
    {
        Environment.SetEnvironmentVariable("REPLICATE_API_TOKEN", "r8_secret_token_do_not_print");
        try
        {
            var result = await Cli.RunAsync("payload", "--model", "flux-2-pro", "--provider", "replicate", "--set", "prompt=x", "--set", "output_format=jpeg", "--json");

            Assert.Equal(0, result.ExitCode);
            Assert.DoesNotContain("r8_secret_token_do_not_print", result.Out + result.Error, StringComparison.Ordinal);
            using var document = JsonDocument.Parse(result.Out);
            Assert.Equal("POST", document.RootElement.GetProperty("method").GetString());
            Assert.Equal("https://api.replicate.com/v1/models/black-forest-labs/flux-2-pro/predictions", document.RootElement.GetProperty("url").GetString());
            Assert.Equal("Bearer ***", document.RootElement.GetProperty("headers").GetProperty("Authorization").GetString());
            var input = document.RootElement.GetProperty("body").GetProperty("input");
            Assert.Equal("x", input.GetProperty("prompt").GetString());
            Assert.Equal("jpg", input.GetProperty("output_format").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("REPLICATE_API_TOKEN", null);
        }
    }

    [Fact]
    public async Task Payload_lists_multipart_parts_for_lumenfall_edits()
    {
        var image = Path.Combine(Path.GetTempPath(), $"fluxspecs-cli-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(image, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 2, 0, 0, 0]);
        try
        {
            var result = await Cli.RunAsync("payload", "--model", "flux-2-pro", "--provider", "lumenfall", "--set", "prompt=Add stars", "--set", $"input_images={image}", "--json");

            Assert.Equal(0, result.ExitCode);
            using var document = JsonDocument.Parse(result.Out);
            Assert.EndsWith("/openai/v1/images/edits", document.RootElement.GetProperty("url").GetString(), StringComparison.Ordinal);
            var parts = document.RootElement.GetProperty("body").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.Contains("image", parts);
            Assert.Contains("prompt", parts);
        }
        finally
        {
            File.Delete(image);
        }
    }

    [Fact]
    public async Task Price_on_one_provider_and_on_all_cheapest_first()
    {
        var one = await Cli.RunAsync("price", "--model", "flux-2-pro", "--provider", "bfl", "--set", "prompt=x", "--json");
        var all = await Cli.RunAsync("price", "--model", "flux-2-pro", "--all", "--set", "prompt=x", "--json");
        var human = await Cli.RunAsync("price", "--model", "flux-2-pro", "--all", "--set", "prompt=x");

        using var single = JsonDocument.Parse(one.Out);
        Assert.Equal(0.03m, single.RootElement.GetProperty("amount").GetDecimal());
        Assert.Equal(3m, single.RootElement.GetProperty("credits").GetDecimal());
        using var ranked = JsonDocument.Parse(all.Out);
        var amounts = ranked.RootElement.EnumerateArray().Where(e => e.GetProperty("amount").ValueKind == JsonValueKind.Number).Select(e => e.GetProperty("amount").GetDecimal()).ToList();
        Assert.Equal(amounts.Order(), amounts);
        Assert.Contains("left out: magnific: no published price for flux-2-pro", all.Error, StringComparison.Ordinal);
        Assert.Contains("3 credits = $0.03", human.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Price_needs_a_provider_or_all()
    {
        var result = await Cli.RunAsync("price", "--model", "flux-2-pro", "--set", "prompt=x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Give either --provider <id> or --all.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_runs_offline_against_the_built_in_emulator_and_saves_the_image()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fluxspecs-cli-{Guid.NewGuid():N}.png");
        try
        {
            var result = await Cli.RunAsync("generate", "--model", "flux-2-pro", "--prompt", "a lighthouse", "--set", "output_format=png", "--out", path);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains($"saved: {path}", result.Out, StringComparison.Ordinal);
            Assert.Contains("estimate: $0.015 on replicate (emulated: nothing is billed)", result.Out, StringComparison.Ordinal);
            Assert.Equal(Images.ImageFormat.Png, Images.ImageFormats.Sniff(await File.ReadAllBytesAsync(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Generate_says_when_the_provider_publishes_no_price()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fluxspecs-cli-{Guid.NewGuid():N}.webp");
        try
        {
            var result = await Cli.RunAsync("generate", "--model", "flux-2-dev", "--prompt", "x", "--out", path);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("estimate: none (replicate publishes no price for flux-2-dev)", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("fal")] // num_images: one job
    [InlineData("bfl")] // no count: three jobs
    public async Task Generate_saves_every_image_of_the_image_count(string provider)
    {
        var directory = Directory.CreateTempSubdirectory("fluxspecs-cli-count-");
        try
        {
            var path = Path.Combine(directory.FullName, "fox.jpg");
            var result = await Cli.RunAsync("generate", "--model", "flux-2-pro", "--provider", provider, "--emulate", "--prompt", "x", "--set", "image_count=3", "--out", path, "--json");

            Assert.Equal(0, result.ExitCode);
            using var document = JsonDocument.Parse(result.Out);
            var expected = new[] { "fox.jpg", "fox-2.jpg", "fox-3.jpg" }.Select(name => Path.Combine(directory.FullName, name)).ToArray();
            Assert.Equal(expected, document.RootElement.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
            Assert.All(expected, file => Assert.NotNull(ImageFormats.Sniff(File.ReadAllBytes(file))));
            Assert.Equal(provider == "bfl", document.RootElement.TryGetProperty("group_id", out _));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Generate_emulates_any_providers_protocol_and_reports_the_cost_as_json()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fluxspecs-cli-{Guid.NewGuid():N}.jpg");
        try
        {
            var result = await Cli.RunAsync("generate", "--model", "flux-2-pro", "--provider", "bfl", "--emulate", "--prompt", "x", "--out", path, "--json");

            Assert.Equal(0, result.ExitCode);
            using var document = JsonDocument.Parse(result.Out);
            Assert.Equal(path, document.RootElement.GetProperty("path").GetString());
            Assert.Equal(3m, document.RootElement.GetProperty("actual_cost").GetProperty("amount").GetDecimal());
            Assert.True(File.Exists(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Generate_on_a_real_provider_without_its_key_fails_fast_naming_the_variable()
    {
        var result = await Cli.RunAsync("generate", "--model", "flux-2-pro", "--provider", "vtrix", "--prompt", "x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("set VTRIX_API_KEY", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_null_in_a_request_is_not_set_not_the_text_null()
    {
        var result = await Cli.RunAsync(Models.ModelCatalog.Models, """{"prompt": "x", "seed": null, "output_format": null}""", "payload", "--model", "flux-2-pro", "--provider", "bfl", "--request", "-", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        var body = document.RootElement.GetProperty("body");
        Assert.False(body.TryGetProperty("seed", out _));
        Assert.False(body.TryGetProperty("output_format", out _));
    }

    [Fact]
    public async Task Generate_refuses_an_out_path_it_could_not_write_before_any_job_runs()
    {
        var missing = Path.Combine(Path.GetTempPath(), "fluxspecs-no-such-directory-" + Guid.NewGuid().ToString("N"), "x.png");

        var result = await Cli.RunAsync("generate", "--model", "flux-2-pro", "--prompt", "x", "--out", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out: the directory", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("estimate:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emulator_on_a_port_in_use_exits_2_with_the_reason()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await Cli.RunAsync("emulator", "--port", port);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(port, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_with_a_url_image_it_cannot_fetch_for_a_bytes_provider_exits_3_naming_the_image()
    {
        var result = await Cli.RunAsync("generate", "--model", "flux-2-pro", "--provider", "magnific", "--emulate", "--prompt", "x", "--set", "input_images=http://images.example/cat.png");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("input_images[0] (http://images.example/cat.png) could not be downloaded to send to magnific", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create:fail;message=GPU fell over", 4, "failed")]
    [InlineData("create:moderate=content", 4, "was moderated")]
    [InlineData("create:503", 3, "create failed (HTTP 503)")]
    public async Task Failures_exit_with_the_contracts_codes(string faults, int exitCode, string message)
    {
        Environment.SetEnvironmentVariable("FLUXSPECS_EMULATOR_FAULTS", faults);
        try
        {
            var result = await Cli.RunAsync("generate", "--model", "flux-2-pro", "--provider", "bfl", "--emulate", "--prompt", "x");

            Assert.Equal(exitCode, result.ExitCode);
            Assert.Contains(message, result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FLUXSPECS_EMULATOR_FAULTS", null);
        }
    }

    [Fact]
    public async Task Provider_only_parameters_are_set_with_the_provider_prefix()
    {
        var result = await Cli.RunAsync("payload", "--model", "flux-2-pro", "--provider", "bfl", "--set", "prompt=x", "--set", "bfl.webhook_url=https://example.com/hook", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"webhook_url\": \"https://example.com/hook\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emulator_command_listens_until_cancelled()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = CliApp.RunAsync(["emulator"], output, TextWriter.Null, TextReader.Null, Models.ModelCatalog.Models, stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!output.ToString().Contains("Ctrl+C to stop.", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        stop.Cancel();

        Assert.Equal(0, await run);
        Assert.Contains("emulator listening on http://127.0.0.1:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("FLUXSPECS_BFL_BASE_URL", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_fault_plan_is_a_usage_error()
    {
        var result = await Cli.RunAsync("emulator", "--faults", "sometimes:explode");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --faults:", result.Error, StringComparison.Ordinal);
    }
}
