namespace SupplyGrains.Silo.Tests;

/// <summary>
/// The first scrape of a silo's life compiles the exporter, and stalled intake when it came under load
/// (bench/README.md §5): the silo scrapes itself once, in process, before it reports ready.
/// </summary>
public sealed class MetricsWarmupTests
{
    [Fact]
    public async Task TheSilo_ScrapesItsOwnMetricsOnce_AsItStarts()
    {
        using var data = new TemporaryDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Database, loadDemo: false,
            ["--Logging:LogLevel:SupplyGrains.Silo.Health.MetricsWarmup", "Information"]);

        // The warm-up logs what the exporter answered; a failed one (no 200, or an empty scrape) logs a warning instead.
        var output = await Eventually.Until(() => Task.FromResult(silo.RecentOutput),
            text => text.Contains("Prometheus scrape", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Matches(@"Prometheus scrape warmed in \d+ ms \([1-9]\d* bytes\)", output);
    }
}
