using System.Globalization;

namespace FluxSpecs.Emulator.Faults;

/// <summary>
/// One fault to inject. Written as text in the <c>X-Emulator-Fault</c> header and in fault plans:
/// <c>429[;retry-after=2]</c>, <c>500</c>, <c>502</c>, <c>503</c> (any 5xx), <c>401</c>, <c>422</c> (any other 4xx), <c>drop</c>, <c>slow=500</c> (milliseconds), <c>garbage</c>,
/// <c>fail[;message=…]</c>, <c>moderate[=request|content]</c>, each optionally with <c>on=create|status|stream|result|cancel|download</c>
/// and <c>times=N</c>. Several faults are separated by commas.
/// </summary>
internal sealed record Fault
{
    /// <summary>The name of the request header that selects faults for one call.</summary>
    public const string HeaderName = "X-Emulator-Fault";

    /// <summary>What the fault does.</summary>
    public required FaultKind Kind { get; init; }

    /// <summary>The HTTP status of a <see cref="FaultKind.RateLimited"/>, <see cref="FaultKind.ServerError"/> or <see cref="FaultKind.Refused"/> fault.</summary>
    public int StatusCode { get; init; }

    /// <summary>The <c>Retry-After</c> of a 429.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The delay of a <see cref="FaultKind.Slow"/> fault.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The error message of a failed job (or a 5xx), or null for the emulator's default.</summary>
    public string? Message { get; init; }

    /// <summary>For <see cref="FaultKind.Moderate"/>: true when the request (prompt or input) is moderated rather than the output.</summary>
    public bool ModerateRequest { get; init; }

    /// <summary>
    /// The call kind the fault is aimed at, or null for "the call that carries it". In a create call's header, a fault
    /// aimed at another kind is attached to the new job and hits that job's later calls.
    /// </summary>
    public CallKind? On { get; init; }

    /// <summary>How many calls a fault attached to a job hits.</summary>
    public int Times { get; init; } = 1;

    /// <summary>True for the faults that decide how the job ends rather than how one call is answered.</summary>
    public bool DecidesOutcome => Kind is FaultKind.Fail or FaultKind.Moderate;

    /// <summary>Parses one fault, such as <c>429;retry-after=2</c>.</summary>
    /// <exception cref="FormatException">The text is not a fault.</exception>
    public static Fault Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new FormatException("A fault is empty.");
        }

        var (name, argument) = SplitPair(parts[0]);
        var fault = name.ToLowerInvariant() switch
        {
            "429" => new Fault { Kind = FaultKind.RateLimited, StatusCode = 429, RetryAfter = argument is null ? TimeSpan.FromSeconds(1) : Seconds(argument, "429") },
            "drop" => new Fault { Kind = FaultKind.Drop },
            "garbage" => new Fault { Kind = FaultKind.Garbage },
            "slow" => new Fault { Kind = FaultKind.Slow, Delay = Milliseconds(argument ?? "1000", "slow") },
            "fail" => new Fault { Kind = FaultKind.Fail, Message = argument },
            "moderate" => new Fault
            {
                Kind = FaultKind.Moderate,
                ModerateRequest = argument?.ToLowerInvariant() switch
                {
                    null or "content" => false,
                    "request" => true,
                    _ => throw new FormatException($"moderate takes 'request' or 'content', not '{argument}'."),
                },
            },
            _ when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 500 and <= 599 =>
                new Fault { Kind = FaultKind.ServerError, StatusCode = status },
            _ when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 400 and <= 499 =>
                new Fault { Kind = FaultKind.Refused, StatusCode = status },
            _ => throw new FormatException(
                $"Unknown fault '{name}'. Use 429, 500, 502, 503 (any 5xx), 401, 422 (any other 4xx), drop, slow=<ms>, garbage, fail or moderate."),
        };

        foreach (var part in parts.AsSpan(1))
        {
            var (key, value) = SplitPair(part);
            if (value is null)
            {
                throw new FormatException($"Fault option '{key}' needs a value (key=value).");
            }

            fault = key.ToLowerInvariant() switch
            {
                "on" => fault with { On = ParseCallKind(value) },
                "times" => fault with { Times = PositiveInteger(value, "times") },
                "retry-after" => fault with { RetryAfter = Seconds(value, "retry-after") },
                "ms" or "delay" => fault with { Delay = Milliseconds(value, key) },
                "message" => fault with { Message = value },
                _ => throw new FormatException($"Unknown fault option '{key}'. Use on, times, retry-after, ms or message."),
            };
        }

        return fault;
    }

    /// <summary>Parses a comma-separated list of faults, such as <c>slow=200, 503;on=status</c>.</summary>
    /// <exception cref="FormatException">An item is not a fault.</exception>
    public static IReadOnlyList<Fault> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
    }

    /// <summary>Parses a call kind name (<c>create</c>, <c>status</c> …).</summary>
    /// <exception cref="FormatException">The name is not a call kind.</exception>
    public static CallKind ParseCallKind(string name) => name.Trim().ToLowerInvariant() switch
    {
        "create" or "submit" => CallKind.Create,
        "status" or "poll" => CallKind.Status,
        "stream" => CallKind.Stream,
        "result" => CallKind.Result,
        "cancel" => CallKind.Cancel,
        "download" => CallKind.Download,
        _ => throw new FormatException($"Unknown call kind '{name}'. Use create, status, stream, result, cancel or download."),
    };

    /// <inheritdoc />
    public override string ToString()
    {
        var text = Kind switch
        {
            FaultKind.RateLimited => FormattableString.Invariant($"429;retry-after={(int)RetryAfter.TotalSeconds}"),
            FaultKind.ServerError or FaultKind.Refused => StatusCode.ToString(CultureInfo.InvariantCulture),
            FaultKind.Drop => "drop",
            FaultKind.Garbage => "garbage",
            FaultKind.Slow => FormattableString.Invariant($"slow={(long)Delay.TotalMilliseconds}"),
            FaultKind.Fail => Message is null ? "fail" : "fail;message=" + Message,
            _ => ModerateRequest ? "moderate=request" : "moderate",
        };
        return text + (On is { } on ? ";on=" + on.ToString().ToLowerInvariant() : "") + (Times != 1 ? FormattableString.Invariant($";times={Times}") : "");
    }

    private static (string Key, string? Value) SplitPair(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (text.Trim(), null) : (text[..equals].Trim(), text[(equals + 1)..].Trim());
    }

    private static TimeSpan Seconds(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"{name} takes whole seconds, not '{value}'.");

    private static TimeSpan Milliseconds(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : throw new FormatException($"{name} takes whole milliseconds, not '{value}'.");

    private static int PositiveInteger(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"{name} takes a positive whole number, not '{value}'.");
}
