using System.Text.Json.Nodes;
using SupplyGrains.Contracts.Orders;

namespace SupplyGrains.Silo.Tests;

/// <summary>Loading a scenario is idempotent: the demo story posted again over the one the silo loaded changes nothing.</summary>
public sealed class ScenarioReloadTests
{
    [Fact]
    public async Task TheDemoStory_LoadedAgain_LeavesEveryOrderAndItsTrailAsTheyWere()
    {
        using var data = new TemporaryDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Database);
        using var admin = silo.Client("dev-admin");
        var before = await Orders(admin);
        var trails = await Trails(admin);

        var story = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Ops("scenarios/h200-story.json")))!.AsObject();
        using (var loaded = await admin.PostJson("/api/scenarios", story))
            Assert.True(loaded.IsSuccessStatusCode, await loaded.Content.ReadAsStringAsync());

        var after = await Orders(admin);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, o => Assert.Equal((o.Value.Status, o.Value.Reasons), (after[o.Key].Status, after[o.Key].Reasons)));
        // The story's import decisions and its review were not recorded a second time.
        Assert.Equal(trails, await Trails(admin));
    }

    // Orders of the story with an import decision (approved, denied) and the one with a review.
    private static async Task<List<string>> Trails(HttpClient http)
    {
        var kinds = new List<string>();
        foreach (var id in new[] { "bytedance-h200-1", "alibaba-h200-2", "microsoft-h200-ie" })
            kinds.Add($"{id}: {string.Join(", ", (await http.GetJson<AuditEvent[]>($"/api/orders/{id}/audit")).Select(e => e.Kind))}");
        return kinds;
    }

    private static async Task<Dictionary<string, (string Status, string Reasons)>> Orders(HttpClient http) =>
        (await http.GetJson<OrderSummary[]>("/api/orders"))
            .ToDictionary(o => o.Id, o => (o.Status.ToString(), string.Join(",", o.Reasons)));
}
