using System.Diagnostics;

namespace FluxSpecs.Clients;

/// <summary>
/// FluxSpecs's telemetry: the <see cref="ActivitySource"/> (a span per job and per HTTP attempt) and the
/// <see cref="System.Diagnostics.Metrics.Meter"/> (job outcomes, durations, status requests, retries, costs), both named
/// <c>FluxSpecs</c>. docs/providers.md lists the spans and instruments.
/// </summary>
public static class Telemetry
{
    /// <summary>The source name to listen to (<c>FluxSpecs</c>).</summary>
    public const string SourceName = "FluxSpecs";

    /// <summary>The meter name to listen to (<c>FluxSpecs</c>), for example with OpenTelemetry's <c>AddMeter</c>.</summary>
    public const string MeterName = "FluxSpecs";

    internal static readonly ActivitySource Source = new(SourceName);
}
