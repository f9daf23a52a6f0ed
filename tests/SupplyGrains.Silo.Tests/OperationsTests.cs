using System.Net;
using System.Text.Json;
using SupplyGrains.Contracts.Allocation;

namespace SupplyGrains.Silo.Tests;

[Collection(WorkflowCollection.Name)]
public class OperationsTests(WorkflowFixture fixture)
{
    [Fact]
    public async Task Metrics_ExposeTheContractSeries_InPrometheusFormat()
    {
        var planner = fixture.As("dev-planner");
        await (await planner.PostJson("/api/allocation-runs", new { productLine = "h200", fromWeek = "2026-W48", toWeek = "2026-W52", mode = "Preview" }))
            .Read<AllocationRunView>();

        var response = await fixture.As(null).GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"supplygrains_gate_decisions_total\{(?=[^}]*gate=""ExportControl"")", text);
        Assert.Matches(@"supplygrains_allocation_runs_total\{(?=[^}]*mode=""Preview"")(?=[^}]*product_line=""h200"")", text);
        Assert.Matches(@"supplygrains_allocation_run_duration_seconds_bucket\{", text);
        Assert.Matches(@"supplygrains_orders\{(?=[^}]*product_line=""h200"")(?=[^}]*status=""Approved"")", text);
        Assert.Matches(@"supplygrains_demand_units\{(?=[^}]*product_line=""h200"")", text);
        Assert.Matches(@"supplygrains_supply_units\{(?=[^}]*product_line=""h200"")", text);
        Assert.Matches(@"supplygrains_committed_units\{(?=[^}]*product_line=""h200"")", text);
        Assert.Matches(@"supplygrains_fill_ratio\{(?=[^}]*product_line=""h200"")", text);
        Assert.Contains("orleans_", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Contains("dotnet_", text);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        var document = await fixture.As(null).GetJson<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/orders", paths);
        Assert.Contains("/api/allocation-runs/{id}/commit", paths);
        Assert.Contains("/api/policies/{version}", paths);
    }

    [Fact]
    public async Task Health_IsLiveStartedAndReady()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.As(null).GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.As(null).GetAsync("/health/startup")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.As(null).GetAsync("/health/ready")).StatusCode);
    }
}
