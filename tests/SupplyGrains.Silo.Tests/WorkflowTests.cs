using System.Net;
using System.Text.Json;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Silo.Tests;

[Collection(WorkflowCollection.Name)]
public class WorkflowTests(WorkflowFixture fixture)
{
    private readonly HttpClient _planner = fixture.As("dev-planner");
    private readonly HttpClient _compliance = fixture.As("dev-compliance");

    [Fact]
    public async Task ChineseH200Order_HeldForImportApproval_IsApprovedOnceBeijingApproves()
    {
        // Under the shipped policy v2, H200 to CN needs an export licence and Beijing's approval per purchase.
        var buyer = Data.Unique("cn-buyer");
        (await _planner.PutJson($"/api/customers/{buyer}", Data.Customer("CN"))).EnsureSuccessStatusCode();
        using (var licensed = await _compliance.PutJson($"/api/licenses/{Data.Unique("lic")}", new { customerId = buyer, productLines = new[] { "h200" }, quantity = 800, expires = "2099-12-31", conditions = new[] { "no military end use" } }))
        {
            // The answer names the re-decision of the buyer's open orders that the new licence started.
            var reevaluation = (await licensed.Read<LicenseView>()).Reevaluation;
            Assert.NotNull(reevaluation);
            var report = await _compliance.CompletedReevaluation(reevaluation);
            Assert.Contains("recorded by dev-compliance", report.Trigger);
        }

        var submitted = await _planner.PostJson("/api/orders", Data.Order(buyer, "h200", 80, shipToCountry: "CN", requestedWeek: "2026-W50"));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var order = await submitted.Read<OrderView>();
        Assert.Equal($"/api/orders/{order.Id}", submitted.Headers.Location?.OriginalString);
        Assert.Equal(OrderStatus.OnHold, order.Status);
        Assert.Contains(order.Gates, g => g.Reason == "AWAITING_IMPORT_APPROVAL");

        var held = await _planner.GetJson<OrderSummary[]>($"/api/orders?customerId={buyer}&status=OnHold");
        Assert.Equal(order.Id, Assert.Single(held).Id);

        var decided = await _compliance.PostJson($"/api/orders/{order.Id}/import-decision",
            new { decision = "Approved", authority = "CN-MOFCOM", reference = "MOFCOM-2026-118", note = "training use confirmed" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var approved = await _planner.GetJson<OrderView>($"/api/orders/{order.Id}");
        Assert.Equal(OrderStatus.Approved, approved.Status);
        Assert.All(approved.Gates, g => Assert.Equal(2, g.PolicyVersion));

        var audit = await _planner.GetJson<JsonElement[]>($"/api/orders/{order.Id}/audit");
        Assert.Contains(audit, e => e.GetProperty("kind").GetString() == "ImportDecisionRecorded" && e.GetProperty("by").GetString() == "dev-compliance");
    }

    [Fact]
    public async Task PreviewThenCommit_ConfirmsWholeLotsOnOrders_AndAStalePreviewIsRefused()
    {
        var pl = Data.Unique("pl");
        (await _planner.PutJson($"/api/product-lines/{pl}", Data.ProductLine(lotSize: 8))).EnsureSuccessStatusCode();
        (await _planner.PutJson($"/api/fabs/{Data.Unique("fab")}", Data.Fab(pl, 100))).EnsureSuccessStatusCode();
        var a = Data.Unique("cu");
        var b = Data.Unique("cu");
        (await _planner.PutJson($"/api/customers/{a}", Data.Customer(weight: 1))).EnsureSuccessStatusCode();
        (await _planner.PutJson($"/api/customers/{b}", Data.Customer(weight: 1))).EnsureSuccessStatusCode();
        var orderA = await (await _planner.PostJson("/api/orders", Data.Order(a, pl, 160))).Read<OrderView>();
        var orderB = await (await _planner.PostJson("/api/orders", Data.Order(b, pl, 160))).Read<OrderView>();

        var previewResponse = await _planner.PostJson("/api/allocation-runs", new { productLine = pl, fromWeek = "2032-W10", toWeek = "2032-W11", strategy = "FairShare", mode = "Preview" });
        Assert.Equal(HttpStatusCode.Created, previewResponse.StatusCode);
        var preview = await previewResponse.Read<AllocationRunView>();
        Assert.Equal(RunStatus.Preview, preview.Status);
        // 100 a week in lots of 8: week 1 allocates 12 lots and carries 4 units into week 2, which then has 104 = 13 lots.
        Assert.Equal([100, 104], preview.Weeks.Select(w => w.Supply));
        Assert.Equal([96, 104], preview.Weeks.Select(w => w.Allocated));
        Assert.All(preview.Weeks.SelectMany(w => w.Lines), l => Assert.Equal(0, l.Quantity % 8));

        var committed = await (await _planner.PostAsync($"/api/allocation-runs/{preview.Id}/commit", null)).Read<AllocationRunView>();
        Assert.Equal(RunStatus.Committed, committed.Status);
        var confirmedA = await _planner.GetJson<OrderView>($"/api/orders/{orderA.Id}");
        var confirmedB = await _planner.GetJson<OrderView>($"/api/orders/{orderB.Id}");
        Assert.Equal(200, confirmedA.Allocated + confirmedB.Allocated);
        Assert.Equal(8, confirmedA.Allocated - confirmedB.Allocated); // equal weights; the odd lot goes to the earlier submission
        Assert.All(confirmedA.Confirmations, c => Assert.Equal(preview.Id, c.RunId));

        var second = await (await _planner.PostJson("/api/allocation-runs", new { productLine = pl, fromWeek = "2032-W12", toWeek = "2032-W12", mode = "Preview" })).Read<AllocationRunView>();
        await _planner.PostJson("/api/orders", Data.Order(a, pl, 8));
        var stale = await _planner.GetJson<AllocationRunView>($"/api/allocation-runs/{second.Id}");
        Assert.Equal(RunStatus.Stale, stale.Status);
        await (await _planner.PostAsync($"/api/allocation-runs/{second.Id}/commit", null)).Problem(409);

        var history = await _planner.GetJson<RunSummary[]>($"/api/allocation-runs?productLine={pl}");
        Assert.Equal([second.Id, preview.Id], history.Select(r => r.Id));
    }

    [Fact]
    public async Task DiffOfTwoPreviews_ShowsWhoLostToANewOrder_AndWhy()
    {
        var pl = Data.Unique("pl");
        (await _planner.PutJson($"/api/product-lines/{pl}", Data.ProductLine(lotSize: 8))).EnsureSuccessStatusCode();
        (await _planner.PutJson($"/api/fabs/{Data.Unique("fab")}", Data.Fab(pl, 80))).EnsureSuccessStatusCode();
        var (a, b) = (Data.Unique("cu"), Data.Unique("cu"));
        (await _planner.PutJson($"/api/customers/{a}", Data.Customer())).EnsureSuccessStatusCode();
        (await _planner.PutJson($"/api/customers/{b}", Data.Customer())).EnsureSuccessStatusCode();
        var orderA = await (await _planner.PostJson("/api/orders", Data.Order(a, pl, 160))).Read<OrderView>();
        var run = new { productLine = pl, fromWeek = "2032-W10", toWeek = "2032-W10", mode = "Preview" };
        var first = await (await _planner.PostJson("/api/allocation-runs", run)).Read<AllocationRunView>();
        var orderB = await (await _planner.PostJson("/api/orders", Data.Order(b, pl, 160))).Read<OrderView>();
        var second = await (await _planner.PostJson("/api/allocation-runs", run)).Read<AllocationRunView>();

        var diff = await _planner.GetJson<RunDiff>($"/api/allocation-runs/{second.Id}/diff?against={first.Id}");

        Assert.Equal((80, 80, 1, 1), (diff.AllocatedBefore, diff.AllocatedAfter, diff.Gained, diff.Lost));
        Assert.Equal([(orderA.Id, 80, 40), (orderB.Id, 0, 40)], diff.Orders.Select(o => (o.OrderId, o.Before, o.After)));
        Assert.Equal("stopped by Supply in both; same supply: other orders' demand or the caps changed", diff.Orders[0].Why);
        Assert.StartsWith("new in this run", diff.Orders[1].Why);

        var missing = await (await _planner.GetAsync($"/api/allocation-runs/{second.Id}/diff")).Problem(400);
        Assert.Contains("against", missing.Fields());
        await (await _planner.GetAsync($"/api/allocation-runs/{second.Id}/diff?against=run-nope")).Problem(400);
        await (await _planner.GetAsync($"/api/allocation-runs/run-nope/diff?against={first.Id}")).Problem(404);
    }

    [Fact]
    public async Task RunSummary_LeavesOutLinesAndOrders_KeepsTheTotals()
    {
        var pl = Data.Unique("pl");
        (await _planner.PutJson($"/api/product-lines/{pl}", Data.ProductLine(lotSize: 8))).EnsureSuccessStatusCode();
        (await _planner.PutJson($"/api/fabs/{Data.Unique("fab")}", Data.Fab(pl, 80))).EnsureSuccessStatusCode();
        var customer = Data.Unique("cu");
        (await _planner.PutJson($"/api/customers/{customer}", Data.Customer())).EnsureSuccessStatusCode();
        (await _planner.PostJson("/api/orders", Data.Order(customer, pl, 160))).EnsureSuccessStatusCode();
        var run = new { productLine = pl, fromWeek = "2032-W10", toWeek = "2032-W11", mode = "Preview" };

        var summary = await (await _planner.PostJson("/api/allocation-runs?detail=summary", run)).Read<AllocationRunView>();
        var full = await _planner.GetJson<AllocationRunView>($"/api/allocation-runs/{summary.Id}");

        Assert.Equal([80, 80], summary.Weeks.Select(w => w.Allocated));
        Assert.All(summary.Weeks, w => Assert.Empty(w.Lines));
        Assert.Empty(summary.Orders);
        Assert.Equal(2, full.Weeks.Sum(w => w.Lines.Count));
        Assert.Single(full.Orders);
        var bad = await (await _planner.GetAsync($"/api/allocation-runs/{summary.Id}?detail=everything")).Problem(400);
        Assert.Contains("detail", bad.Fields());
    }

    [Fact]
    public async Task OrderWithIdempotencyKey_RetriedReturnsTheSameOrder()
    {
        var pl = Data.Unique("pl");
        var customer = Data.Unique("cu");
        (await _planner.PutJson($"/api/product-lines/{pl}", Data.ProductLine())).EnsureSuccessStatusCode();
        (await _planner.PutJson($"/api/customers/{customer}", Data.Customer())).EnsureSuccessStatusCode();
        var key = Guid.NewGuid().ToString();

        async Task<OrderView> Submit()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = System.Net.Http.Json.JsonContent.Create(Data.Order(customer, pl, 8)) };
            request.Headers.Add("Idempotency-Key", key);
            return await (await _planner.SendAsync(request)).Read<OrderView>();
        }

        var first = await Submit();
        var retry = await Submit();
        var withoutKey = await (await _planner.PostJson("/api/orders", Data.Order(customer, pl, 8))).Read<OrderView>();

        Assert.Equal(first.Id, retry.Id);
        Assert.NotEqual(first.Id, withoutKey.Id);
        Assert.Equal(2, (await _planner.GetJson<OrderSummary[]>($"/api/orders?customerId={customer}")).Length);
    }

    [Fact]
    public async Task ProductLine_ShowsItsWeeklySupplyLedger()
    {
        var pl = Data.Unique("pl");
        (await _planner.PutJson($"/api/product-lines/{pl}", Data.ProductLine())).EnsureSuccessStatusCode();
        (await _planner.PutJson($"/api/fabs/{Data.Unique("fab")}", Data.Fab(pl, 40))).EnsureSuccessStatusCode();

        var line = await _planner.GetJson<JsonElement>($"/api/product-lines/{pl}");

        var supply = line.GetProperty("supply").EnumerateArray().ToList();
        Assert.Equal(["2032-W10", "2032-W11", "2032-W12", "2032-W13"], supply.Select(s => s.GetProperty("week").GetString()));
        Assert.All(supply, s => Assert.Equal(40, s.GetProperty("produced").GetInt32()));
        Assert.Equal([40, 80, 120, 160], supply.Select(s => s.GetProperty("available").GetInt32()));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Audit_CannotBeWrittenThroughTheApi_EvenByAnAdmin(string method)
    {
        var admin = fixture.As("dev-admin");
        var before = await admin.GetJson<AuditEvent[]>("/api/orders/microsoft-h200-1/audit");

        using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/orders/microsoft-h200-1/audit")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new[] { new { at = DateTimeOffset.UtcNow, by = "someone", kind = "Submitted", detail = "rewritten" } }),
        });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var after = await admin.GetJson<AuditEvent[]>("/api/orders/microsoft-h200-1/audit");
        Assert.Equal(before.Select(a => (a.At, a.By, a.Kind, a.Detail)), after.Select(a => (a.At, a.By, a.Kind, a.Detail)).Take(before.Length));
    }
}
