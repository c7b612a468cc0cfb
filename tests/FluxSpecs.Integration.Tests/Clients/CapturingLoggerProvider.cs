using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FluxSpecs.Integration.Tests.Clients;

/// <summary>
/// Keeps every log line (message and exception) at every level, to search them for secrets; and each message with its
/// event and the time on <paramref name="clock"/>, to tell when something happened.
/// </summary>
public sealed class CapturingLoggerProvider(TimeProvider? clock = null) : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<(DateTimeOffset Time, string Event, string Message)> Entries { get; } = new();

    private TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Lines.Enqueue($"Scope {category}: {state} {Values(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        // The formatted message, the exception with its inner ones, and every structured value (which a structured
        // sink would store even when the message does not show it).
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Entries.Enqueue((owner.Clock.GetUtcNow(), eventId.Name ?? "", formatter(state, exception)));
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} {Values(state)}");
        }

        private static string Values<TState>(TState state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : "";
    }
}
