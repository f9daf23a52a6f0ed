using System.Net;
using System.Text.Json;

namespace SupplyGrains.Silo.Tests;

/// <summary><c>POST /api/product-lines/{id}/supply-preview</c>: planners see what hypothetical fab changes would do to a line's supply.</summary>
[Collection(WorkflowCollection.Name)]
public class SupplyPreviewApiTests(WorkflowFixture fixture)
{
    private readonly HttpClient _planner = fixture.As("dev-planner");

    private static readonly string[] Weeks = ["2032-W10", "2032-W11", "2032-W12", "2032-W13"];

    private static int[] Produced(JsonElement weeks)
    {
        var produced = weeks.EnumerateArray().ToDictionary(s => s.GetProperty("week").GetString()!, s => s.GetProperty("produced").GetInt32());
        return [.. Weeks.Select(w => produced.GetValueOrDefault(w))];
    }

    private async Task AssertUnchanged(string fab, string low)
    {
        var fabView = await _planner.GetJson<JsonElement>($"/api/fabs/{fab}");
        Assert.Empty(fabView.GetProperty("capacityChanges").EnumerateArray());
        Assert.Empty(fabView.GetProperty("downtime").EnumerateArray());
        var line = await _planner.GetJson<JsonElement>($"/api/product-lines/{low}");
        Assert.Equal([40, 40, 40, 40], Produced(line.GetProperty("supply")));
        Assert.Empty(line.GetProperty("adjustments").EnumerateArray());
    }

    [Fact]
    public async Task CapacityCut_Is200WithTheWhatIfAndTheChangedWeeks_AndChangesNothing()
    {
        var (fab, _, low) = await Data.TwoLineFab(_planner);

        // 80 starts from W12: high still gets its 60, low the 20 left.
        var response = await _planner.PostJson($"/api/product-lines/{low}/supply-preview",
            new { capacityChanges = new[] { new { fab, fromWeek = "2032-W12", wafersPerWeek = 80 } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.Read<JsonElement>();
        Assert.Equal(low, preview.GetProperty("productLine").GetString());
        Assert.Equal([40, 40, 40, 40], Produced(preview.GetProperty("weeks")));
        Assert.Equal([40, 40, 20, 20], Produced(preview.GetProperty("whatIfWeeks")));
        Assert.Equal(["2032-W12", "2032-W13"], preview.GetProperty("changedWeeks").EnumerateArray().Select(w => w.GetString()));
        await AssertUnchanged(fab, low);
    }

    [Fact]
    public async Task UnknownFab_IsA400NamingTheField()
    {
        var (fab, _, low) = await Data.TwoLineFab(_planner);

        var problem = await (await _planner.PostJson($"/api/product-lines/{low}/supply-preview",
            new { capacityChanges = new[] { new { fab = Data.Unique("fab"), fromWeek = "2032-W12", wafersPerWeek = 80 } } })).Problem(400);

        Assert.Equal(["capacityChanges[0].fab"], problem.Fields());
        await AssertUnchanged(fab, low);
    }

    [Fact]
    public async Task NegativeCapacity_IsA400NamingTheField()
    {
        var (fab, _, low) = await Data.TwoLineFab(_planner);

        var problem = await (await _planner.PostJson($"/api/product-lines/{low}/supply-preview",
            new { capacityChanges = new[] { new { fab, fromWeek = "2032-W12", wafersPerWeek = -5 } } })).Problem(400);

        Assert.Equal(["capacityChanges[0].wafersPerWeek"], problem.Fields());
        await AssertUnchanged(fab, low);
    }

    [Fact]
    public async Task UnknownProductLine_Is404()
    {
        await (await _planner.PostJson($"/api/product-lines/{Data.Unique("pl")}/supply-preview", new { })).Problem(404);
    }

    [Fact]
    public async Task Viewer_MayNotPreview()
    {
        var (fab, _, low) = await Data.TwoLineFab(_planner);

        await (await fixture.As("dev-viewer").PostJson($"/api/product-lines/{low}/supply-preview",
            new { capacityChanges = new[] { new { fab, fromWeek = "2032-W12", wafersPerWeek = 80 } } })).Problem(403);
    }
}
