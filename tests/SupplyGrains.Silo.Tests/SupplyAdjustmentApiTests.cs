using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SupplyGrains.Silo.Tests;

/// <summary><c>POST /api/product-lines/{id}/adjustments</c>: planners correct a week's supply, with the reason.</summary>
[Collection(WorkflowCollection.Name)]
public class SupplyAdjustmentApiTests(WorkflowFixture fixture)
{
    private readonly HttpClient _planner = fixture.As("dev-planner");

    private async Task<string> ProductLine()
    {
        var pl = Data.Unique("pl");
        (await _planner.PutJson($"/api/product-lines/{pl}", Data.ProductLine(lotSize: 8))).EnsureSuccessStatusCode();
        return pl;
    }

    private static JsonElement Week(JsonElement productLine, string week) =>
        productLine.GetProperty("supply").EnumerateArray().Single(w => w.GetProperty("week").GetString() == week);

    [Fact]
    public async Task Adjustment_Is201WithTheLedger_AndALostShipmentInACommittedWeekShowsOverCommitted()
    {
        var pl = await ProductLine();
        var customer = Data.Unique("cu");
        (await _planner.PutJson($"/api/customers/{customer}", Data.Customer())).EnsureSuccessStatusCode();

        var found = await _planner.PostJson($"/api/product-lines/{pl}/adjustments", new { week = "2032-W10", units = 40, reason = "found stock" });

        Assert.Equal(HttpStatusCode.Created, found.StatusCode);
        Assert.Equal($"/api/product-lines/{pl}", found.Headers.Location?.OriginalString);
        var view = await found.Read<JsonElement>();
        var week = Week(view, "2032-W10");
        Assert.Equal((40, 40, 0, 40), (week.GetProperty("produced").GetInt32(), week.GetProperty("adjusted").GetInt32(),
            week.GetProperty("committed").GetInt32(), week.GetProperty("available").GetInt32()));
        Assert.False(week.GetProperty("overCommitted").GetBoolean());
        var recorded = Assert.Single(view.GetProperty("adjustments").EnumerateArray());
        Assert.Equal(("2032-W10", 40, "found stock"), (recorded.GetProperty("week").GetString(), recorded.GetProperty("units").GetInt32(), recorded.GetProperty("reason").GetString()));
        Assert.False(string.IsNullOrEmpty(recorded.GetProperty("by").GetString()));
        Assert.True(recorded.TryGetProperty("at", out _));

        (await _planner.PostJson("/api/orders", Data.Order(customer, pl, 40))).EnsureSuccessStatusCode();
        (await _planner.PostJson("/api/allocation-runs", new { productLine = pl, fromWeek = "2032-W10", toWeek = "2032-W10", strategy = "FairShare", mode = "Commit" }))
            .EnsureSuccessStatusCode();
        (await _planner.PostJson($"/api/product-lines/{pl}/adjustments", new { week = "2032-W10", units = -16, reason = "lost shipment" })).EnsureSuccessStatusCode();

        var after = await _planner.GetJson<JsonElement>($"/api/product-lines/{pl}");
        var cut = Week(after, "2032-W10"); // adjusted: +40 − 16
        Assert.Equal((24, 40, 0, 24), (cut.GetProperty("produced").GetInt32(), cut.GetProperty("committed").GetInt32(),
            cut.GetProperty("available").GetInt32(), cut.GetProperty("adjusted").GetInt32()));
        Assert.True(cut.GetProperty("overCommitted").GetBoolean());
        Assert.Equal(2, after.GetProperty("adjustments").GetArrayLength());
        await Eventually.Until(
            async () => await fixture.As(null).GetStringAsync("/metrics"),
            text => text.Split('\n').Any(line => line.StartsWith("supplygrains_overcommitments{", StringComparison.Ordinal)
                && line.Contains($"product_line=\"{pl}\"", StringComparison.Ordinal) && line.TrimEnd().EndsWith(" 1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Retry_WithTheSameIdempotencyKey_CountsOnce_WithoutOneCountsAgain_AndOtherContentIs409()
    {
        var pl = await ProductLine();
        async Task<HttpResponseMessage> Post(object body, string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/product-lines/{pl}/adjustments") { Content = JsonContent.Create(body) };
            if (key is not null) request.Headers.Add("Idempotency-Key", key);
            return await _planner.SendAsync(request);
        }
        var found = new { week = "2032-W10", units = 40, reason = "found stock" };
        var key = Guid.NewGuid().ToString();

        var first = await Post(found, key);
        var retried = await Post(found, key);
        var conflict = await (await Post(found with { units = 48 }, key)).Problem(409);
        var produced = Week(await _planner.GetJson<JsonElement>($"/api/product-lines/{pl}"), "2032-W10").GetProperty("produced").GetInt32();
        var unkeyed = await Post(found, null);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retried.StatusCode));
        Assert.Equal((await first.Read<JsonElement>()).GetProperty("adjustments").ToString(), (await retried.Read<JsonElement>()).GetProperty("adjustments").ToString());
        Assert.Contains("different content", conflict.GetProperty("detail").GetString());
        Assert.Equal(40, produced);
        var after = await unkeyed.Read<JsonElement>();
        Assert.Equal(80, Week(after, "2032-W10").GetProperty("produced").GetInt32());
        Assert.Equal(2, after.GetProperty("adjustments").GetArrayLength());
    }

    [Theory]
    [InlineData("""{ "week": "2032-W10", "units": 8 }""", "reason")]
    [InlineData("""{ "week": "2032-W10", "units": 8, "reason": null }""", "reason")]
    [InlineData("""{ "week": "2032-W10", "units": 8, "reason": "  " }""", "reason")]
    [InlineData("""{ "week": "2032-W10", "units": 0, "reason": "scrap" }""", "units")]
    [InlineData("""{ "week": "2032-W10", "units": -8, "reason": "scrap" }""", "units")] // nothing produced that week to take away
    [InlineData("""{ "week": "2032-W10", "reason": "scrap" }""", "units")]
    [InlineData("""{ "week": "2032-W5", "units": 8, "reason": "found stock" }""", "week")]
    [InlineData("""{ "units": 8, "reason": "found stock" }""", "week")]
    public async Task BadAdjustment_IsA400NamingTheField(string body, string field)
    {
        var pl = await ProductLine();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var problem = await (await _planner.PostAsync($"/api/product-lines/{pl}/adjustments", content)).Problem(400);

        Assert.Contains(field, problem.Fields());
        Assert.Equal(0, (await _planner.GetJson<JsonElement>($"/api/product-lines/{pl}")).GetProperty("adjustments").GetArrayLength());
    }

    [Fact]
    public async Task AdjustingAnUnknownProductLine_Is404()
    {
        await (await _planner.PostJson($"/api/product-lines/{Data.Unique("pl")}/adjustments", new { week = "2032-W10", units = 8, reason = "found stock" })).Problem(404);
    }

    [Fact]
    public async Task Viewer_MayNotAdjust()
    {
        var pl = await ProductLine();

        var response = await fixture.As("dev-viewer").PostAsJsonAsync($"/api/product-lines/{pl}/adjustments", new { week = "2032-W10", units = 8, reason = "found stock" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
