using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SupplyGrains.Grains.Storage;
using SupplyGrains.Grains.Telemetry;
using SupplyGrains.Silo.Health;

namespace SupplyGrains.Silo.Hosting;

/// <summary>
/// What dashboards and tracing backends see: metrics always (scraped at <c>/metrics</c>), traces only when an OTLP
/// endpoint is configured (<c>Tracing:OtlpEndpoint</c>), so a silo without a collector spends nothing on spans.
/// A trace follows a request from HTTP through the grain calls (Orleans' activity propagation) to the grain store.
/// </summary>
public static class TelemetryHosting
{
    /// <summary>Where Prometheus scrapes the silo.</summary>
    public const string ScrapePath = "/metrics";

    /// <summary>Orleans' own activity sources: grain calls made by the application, and the runtime's.</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    public static WebApplicationBuilder AddSupplyGrainsTelemetry(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SupplyGrainsMetrics.MeterName, "Microsoft.Orleans")
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMetricConventions()
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = config.GetValue("Metrics:ScrapeCacheMilliseconds", 300)));

        if (config["Tracing:OtlpEndpoint"] is { Length: > 0 } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp))
                throw new InvalidOperationException($"Tracing:OtlpEndpoint '{endpoint}' is not an absolute URI (e.g. http://collector:4318).");
            telemetry.WithTracing(tracing => tracing
                .AddSource([.. OrleansSources, GroupCommitGrainStorage.ActivitySourceName])
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(ScrapePath) && !context.Request.Path.StartsWithSegments("/health"))
                .AddOtlpExporter(o =>
                {
                    // OTLP over HTTP (port 4318) unless told otherwise: it needs nothing but HTTP between silo and collector.
                    o.Protocol = config["Tracing:OtlpProtocol"] == "grpc" ? OpenTelemetry.Exporter.OtlpExportProtocol.Grpc : OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf;
                    o.Endpoint = o.Protocol == OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf ? new Uri(otlp, "v1/traces") : otlp;
                }));
        }
        return builder;
    }

    /// <summary>
    /// Once the host has started (the silo is active), scrapes the metrics once in process so the first real scrape
    /// finds the exporter compiled; readiness waits for it (<see cref="MetricsWarmup"/>).
    /// </summary>
    public static WebApplication WarmPrometheusScrapeOnStart(this WebApplication app)
    {
        var scrape = ((IApplicationBuilder)app).New().UseOpenTelemetryPrometheusScrapingEndpoint(ScrapePath).Build();
        var warmup = app.Services.GetRequiredService<MetricsWarmup>();
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => warmup.RunAsync(scrape, app.Services, ScrapePath)));
        return app;
    }
}
