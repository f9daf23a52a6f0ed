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
    public async Task Metrics_CompareSupplyCommitmentsAndDemandOverHorizons_FromTheLedgerAndTheBook()
    {
        var planner = fixture.As("dev-planner");
        var ledger = (await planner.GetJson<JsonElement>("/api/product-lines/h200")).GetProperty("supply").EnumerateArray()
            .Select(w => (Week: Domain.IsoWeek.Parse(w.GetProperty("week").GetString()!), Produced: w.GetProperty("produced").GetInt64(), Committed: w.GetProperty("committed").GetInt64()))
            .ToList();
        var approved = await planner.GetJson<Contracts.Orders.OrderSummary[]>("/api/orders?productLine=h200&status=Approved");
        var now = Domain.IsoWeek.Containing(DateTimeOffset.UtcNow);

        var scrape = await Scrape.Of(fixture.As(null));

        foreach (var horizon in new[] { 4, 13, 26 })
        {
            var end = now.AddWeeks(horizon - 1);
            double Units(string measure) => scrape.Value("supplygrains_horizon_units", ("product_line", "h200"), ("horizon_weeks", $"{horizon}"), ("measure", measure));
            Assert.Equal(ledger.Where(w => w.Week <= end).Sum(w => w.Produced), Units("supply"));
            Assert.Equal(ledger.Where(w => w.Week <= end).Sum(w => w.Committed), Units("committed"));
            Assert.Equal(approved.Where(o => o.RequestedWeek <= end).Sum(o => (long)o.Quantity), Units("demand"));
        }
        // The story's far horizon holds orders: a horizon that counted nothing would pass the sums above vacuously.
        Assert.True(scrape.Value("supplygrains_horizon_units", ("product_line", "h200"), ("horizon_weeks", "26"), ("measure", "demand")) > 0);
    }

    [Fact]
    public async Task Metrics_CountRunsByStrategy_ReevaluationsByScope_AndStoreWriteLatency()
    {
        var planner = fixture.As("dev-planner");
        var admin = fixture.As("dev-admin");
        await (await planner.PostJson("/api/allocation-runs", new { productLine = "h200", fromWeek = "2026-W48", toWeek = "2026-W52", strategy = "ProRata", mode = "Preview" }))
            .Read<AllocationRunView>();
        // A customer with an open order changes: its orders are re-decided in the background.
        string pl = Data.Unique("pl"), customer = Data.Unique("cu");
        (await admin.PutJson($"/api/product-lines/{pl}", Data.ProductLine())).EnsureSuccessStatusCode();
        (await admin.PutJson($"/api/customers/{customer}", Data.Customer())).EnsureSuccessStatusCode();
        (await admin.PostJson("/api/orders", Data.Order(customer, pl, 8))).EnsureSuccessStatusCode();
        var before = (await Scrape.Of(fixture.As(null))).Samples("supplygrains_reevaluated_orders_total", ("scope", "customer")).Sum(s => s.Value);
        (await admin.PutJson($"/api/customers/{customer}", Data.Customer(weight: 2.0))).EnsureSuccessStatusCode();

        var scrape = await Eventually.Until(() => Scrape.Of(fixture.As(null)),
            s => s.Samples("supplygrains_reevaluated_orders_total", ("scope", "customer"), ("changed", "false")).Sum(x => x.Value) >= before + 1);

        Assert.True(scrape.Value("supplygrains_allocation_runs_total", ("product_line", "h200"), ("strategy", "ProRata"), ("mode", "Preview"), ("result", "previewed")) >= 1);
        Assert.NotEmpty(scrape.Samples("supplygrains_allocation_run_duration_seconds_bucket", ("strategy", "ProRata"), ("le", "0.001")));
        // The demo publishes v1 and v2: each starts a re-evaluation.
        Assert.True(scrape.Value("supplygrains_reevaluations_total", ("scope", "policy")) >= 2);
        Assert.True(scrape.Value("supplygrains_reevaluations_total", ("scope", "customer")) >= 1);
        Assert.True(scrape.Value("supplygrains_storage_write_duration_seconds_count", ("store", "sqlite")) > 0);
        Assert.NotEmpty(scrape.Samples("supplygrains_storage_write_duration_seconds_bucket", ("store", "sqlite"), ("le", "0.0005")));
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
