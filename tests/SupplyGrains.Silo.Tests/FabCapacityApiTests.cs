using System.Net;
using System.Text.Json;

namespace SupplyGrains.Silo.Tests;

[Collection(WorkflowCollection.Name)]
public class FabCapacityApiTests(WorkflowFixture fixture)
{
    private readonly HttpClient _planner = fixture.As("dev-planner");

    /// <summary>Asserts the units the product line shows as produced in 2032-W10..W13.</summary>
    private async Task AssertProduced(string productLine, int[] expected)
    {
        var view = await _planner.GetJson<JsonElement>($"/api/product-lines/{productLine}");
        var supply = view.GetProperty("supply").EnumerateArray()
            .ToDictionary(s => s.GetProperty("week").GetString()!, s => s.GetProperty("produced").GetInt32());
        Assert.Equal(expected, new[] { "2032-W10", "2032-W11", "2032-W12", "2032-W13" }.Select(w => supply.GetValueOrDefault(w)));
    }

    [Fact]
    public async Task PutCapacity_CutsTheLowPriorityLineFromThatWeek_AndShowsTheChange()
    {
        var (fab, high, low) = await Data.TwoLineFab(_planner);
        await AssertProduced(low, [40, 40, 40, 40]);

        // 80 starts from W12: high still gets its 60, low the 20 left.
        var response = await _planner.PutJson($"/api/fabs/{fab}/capacity", new { fromWeek = "2032-W12", wafersPerWeek = 80 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Read<JsonElement>();
        var change = Assert.Single(view.GetProperty("capacityChanges").EnumerateArray().ToList());
        Assert.Equal("2032-W12", change.GetProperty("fromWeek").GetString());
        Assert.Equal(80, change.GetProperty("wafersPerWeek").GetInt32());
        await AssertProduced(low, [40, 40, 20, 20]);
        await AssertProduced(high, [60, 60, 60, 60]);
    }

    [Fact]
    public async Task PostDowntime_StopsThoseWeeks_AndShowsTheDowntime()
    {
        var (fab, high, low) = await Data.TwoLineFab(_planner);

        var response = await _planner.PostJson($"/api/fabs/{fab}/downtime", new { fromWeek = "2032-W11", toWeek = "2032-W12", reason = "scanner upgrade" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Read<JsonElement>();
        Assert.Equal("scanner upgrade", Assert.Single(view.GetProperty("downtime").EnumerateArray().ToList()).GetProperty("reason").GetString());
        await AssertProduced(high, [60, 0, 0, 60]);
        await AssertProduced(low, [40, 0, 0, 40]);
    }

    [Fact]
    public async Task DeleteCapacityChangeAndDowntime_GiveTheWeeksBack_AndASecondDeleteIs404()
    {
        var (fab, high, low) = await Data.TwoLineFab(_planner);
        (await _planner.PutJson($"/api/fabs/{fab}/capacity", new { fromWeek = "2032-W12", wafersPerWeek = 80 })).EnsureSuccessStatusCode();
        (await _planner.PostJson($"/api/fabs/{fab}/downtime", new { fromWeek = "2032-W10", toWeek = "2032-W10", reason = "scanner upgrade" })).EnsureSuccessStatusCode();
        await AssertProduced(low, [0, 40, 20, 20]);

        var capacity = await _planner.DeleteAsync($"/api/fabs/{fab}/capacity/2032-W12");

        Assert.Equal(HttpStatusCode.OK, capacity.StatusCode);
        Assert.Equal(0, (await capacity.Read<JsonElement>()).GetProperty("capacityChanges").GetArrayLength());
        await AssertProduced(low, [0, 40, 40, 40]);

        var downtime = await _planner.DeleteAsync($"/api/fabs/{fab}/downtime/2032-W10/2032-W10");

        Assert.Equal(HttpStatusCode.OK, downtime.StatusCode);
        Assert.Equal(0, (await downtime.Read<JsonElement>()).GetProperty("downtime").GetArrayLength());
        await AssertProduced(low, [40, 40, 40, 40]);
        await AssertProduced(high, [60, 60, 60, 60]);
        await (await _planner.DeleteAsync($"/api/fabs/{fab}/capacity/2032-W12")).Problem(404);
        await (await _planner.DeleteAsync($"/api/fabs/{fab}/downtime/2032-W10/2032-W11")).Problem(404);
        await (await _planner.DeleteAsync($"/api/fabs/{fab}/capacity/2032-W99")).Problem(400);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.As("dev-viewer").DeleteAsync($"/api/fabs/{fab}/capacity/2032-W12")).StatusCode);
    }

    [Theory]
    [InlineData("2032-13", 80, "fromWeek")]
    [InlineData("2032-W12", -5, "wafersPerWeek")]
    public async Task PutCapacity_WithBadInput_IsA400NamingTheField(string fromWeek, int wafersPerWeek, string field)
    {
        var (fab, _, low) = await Data.TwoLineFab(_planner);

        var problem = await (await _planner.PutJson($"/api/fabs/{fab}/capacity", new { fromWeek, wafersPerWeek })).Problem(400);

        Assert.Contains(field, problem.Fields());
        await AssertProduced(low, [40, 40, 40, 40]);
    }

    [Fact]
    public async Task PostDowntime_EndingBeforeItStarts_IsA400NamingToWeek()
    {
        var (fab, _, _) = await Data.TwoLineFab(_planner);

        var problem = await (await _planner.PostJson($"/api/fabs/{fab}/downtime", new { fromWeek = "2032-W12", toWeek = "2032-W11", reason = "x" })).Problem(400);

        Assert.Contains("toWeek", problem.Fields());
    }

    [Fact]
    public async Task CapacityOrDowntime_ForAnUnknownFab_Is404()
    {
        var fab = Data.Unique("fab");

        await (await _planner.PutJson($"/api/fabs/{fab}/capacity", new { fromWeek = "2032-W12", wafersPerWeek = 80 })).Problem(404);
        await (await _planner.PostJson($"/api/fabs/{fab}/downtime", new { fromWeek = "2032-W12", toWeek = "2032-W12", reason = "x" })).Problem(404);
    }

    [Fact]
    public async Task Viewer_MayNotChangeCapacityOrPlanDowntime()
    {
        var (fab, _, low) = await Data.TwoLineFab(_planner);
        var viewer = fixture.As("dev-viewer");

        await (await viewer.PutJson($"/api/fabs/{fab}/capacity", new { fromWeek = "2032-W12", wafersPerWeek = 80 })).Problem(403);
        await (await viewer.PostJson($"/api/fabs/{fab}/downtime", new { fromWeek = "2032-W12", toWeek = "2032-W12", reason = "x" })).Problem(403);
        await AssertProduced(low, [40, 40, 40, 40]);
    }
}
