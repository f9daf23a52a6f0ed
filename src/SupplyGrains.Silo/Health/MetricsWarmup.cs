using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupplyGrains.Silo.Health;

/// <summary>
/// Runs the Prometheus scrape once, in process, before the silo reports ready. The first scrape of a silo's life
/// compiles the exporter's code and sets up every instrument's export: about 100 ms on an idle silo and 200 ms under
/// load, during which intake stalled for up to a second (bench/README.md §5). Prometheus scrapes a silo from its
/// start, often once traffic has arrived, so that cost is paid here, while no request waits.
/// </summary>
public sealed partial class MetricsWarmup(ILogger<MetricsWarmup> logger) : IHealthCheck
{
    private volatile string? _outcome;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_outcome is { } outcome ? HealthCheckResult.Healthy(outcome) : HealthCheckResult.Unhealthy("The metrics scrape has not been warmed yet."));

    /// <summary>Scrapes once through <paramref name="scrape"/> (a pipeline of the exporter's own middleware).</summary>
    public async Task RunAsync(RequestDelegate scrape, IServiceProvider services, string path)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "The metrics scrape could not be warmed (see the log); the first real scrape will be slower.";
        try
        {
            // A scrape is tens of kilobytes, once: keeping it is simpler than counting it.
            using var body = new MemoryStream();
            var context = new DefaultHttpContext { RequestServices = services };
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            context.Response.Body = body;
            await scrape(context);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (context.Response.StatusCode == StatusCodes.Status200OK && body.Length > 0)
            {
                LogWarmed(elapsed.TotalMilliseconds, body.Length);
                outcome = $"The metrics scrape was warmed in {elapsed.TotalMilliseconds:F0} ms.";
            }
            else
                LogNotWarmed(null, context.Response.StatusCode, body.Length);
        }
        catch (Exception exception)
        {
            LogNotWarmed(exception, null, 0);
        }
        finally
        {
            // A failed warm-up costs the first real scrape its compile time, nothing more: it must not keep the silo out of service.
            _outcome = outcome;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus scrape warmed in {Milliseconds:F0} ms ({Bytes} bytes)")]
    private partial void LogWarmed(double milliseconds, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus scrape could not be warmed (status {Status}, {Bytes} bytes); the first real scrape will be slower")]
    private partial void LogNotWarmed(Exception? exception, int? status, long bytes);
}
