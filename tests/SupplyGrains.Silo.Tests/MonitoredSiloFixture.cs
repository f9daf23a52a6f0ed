using System.Runtime.ExceptionServices;
using SupplyGrains.Contracts.Allocation;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// A silo with the demo story, watched by a real Prometheus on the shipped ops/prometheus configuration, after the
/// README's walkthrough: Beijing approves bytedance-h200-2, an H200 FairShare preview, its commit.
/// </summary>
public sealed class MonitoredSiloFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new();
    private PrometheusServer? _prometheus;
    private ExceptionDispatchInfo? _prometheusFailure;
    private bool _disposed;

    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>The committed run of the walkthrough.</summary>
    public AllocationRunView Committed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync(_data.Database);
        try
        {
            // Prometheus watches from before the run, as a dashboard would. Where it is not installed the tests that
            // need it skip (or fail in CI); the ones that read the silo's own scrape still run.
            if (MonitoringTools.Find("prometheus") is not null)
            {
                try
                {
                    _prometheus = await PrometheusServer.StartAsync([Silo.BaseAddress]);
                }
                catch (Exception e)
                {
                    _prometheusFailure = ExceptionDispatchInfo.Capture(e);
                }
            }

            using var compliance = Silo.Client("dev-compliance");
            using var planner = Silo.Client("dev-planner");
            using var approved = await compliance.PostJson("/api/orders/bytedance-h200-2/import-decision",
                new { decision = "Approved", authority = "CN-MOFCOM", reference = "MOFCOM-2026-0117", note = "training use" });
            approved.EnsureSuccessStatusCode();
            using var previewed = await planner.PostJson("/api/allocation-runs",
                new { productLine = "h200", fromWeek = "2026-W48", toWeek = "2027-W06", strategy = "FairShare", mode = "Preview" });
            var preview = await previewed.Read<AllocationRunView>();
            using var committed = await planner.PostAsync($"/api/allocation-runs/{preview.Id}/commit", null);
            Committed = await committed.Read<AllocationRunView>();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>The Prometheus scraping this silo; skips the test when Prometheus is not installed (fails in CI).</summary>
    public PrometheusServer Prometheus()
    {
        MonitoringTools.Require("prometheus");
        _prometheusFailure?.Throw();
        return _prometheus ?? throw new InvalidOperationException("prometheus appeared on the PATH after the fixture started");
    }

    /// <summary>A fresh scrape of the silo's <c>/metrics</c>.</summary>
    public async Task<MetricFamilies> Scrape()
    {
        using var http = Silo.Client(apiKey: null);
        return MetricFamilies.Parse(await http.GetStringAsync("/metrics"));
    }

    public async Task DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_prometheus is not null) await _prometheus.DisposeAsync();
        await Silo.DisposeAsync();
        _data.Dispose();
    }
}
