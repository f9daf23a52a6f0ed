using System.Net;
using System.Text.Json.Nodes;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Customers;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// The story's three policy versions published in turn over HTTP against the demo scenario, on a silo of its own:
/// under v1 every 3A090 chip is denied to China; v2 lets licensed, approved buyers have the H200; v3 opens H100 and
/// A100 to case-by-case licensing and puts "China and Macau together at most half of the US" on every H200 run.
/// Each step's impact report says which orders moved, the preview of v3 says the same before it is published, and
/// an order's audit shows every step.
/// </summary>
public sealed class PolicyStoryTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new();
    private SiloProcess _silo = null!;

    private HttpClient Compliance => _silo.Client("dev-compliance");

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(_data.Database, loadDemo: false);

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task StoryVersions_PublishedInTurn_MoveEveryOrderAsTheRulesSay_WithImpactAndAudit()
    {
        var story = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Ops("scenarios/h200-story.json")))!.AsObject();
        story["policies"] = new JsonObject { ["1"] = await Policy(1) };
        using (var loaded = await _silo.Client("dev-admin").PostJson("/api/scenarios", story))
            Assert.True(loaded.IsSuccessStatusCode, await loaded.Content.ReadAsStringAsync());
        // The licences re-decide their customers' orders in the background: settled before v2, so that none reaches an
        // order after v2 is in force and decides it in the licence's name.
        var reDecided = await ReDecided(story);
        Assert.Equal(["alibaba", "bytedance", "tencent"], reDecided.Keys.Order());
        Assert.Contains("licence lic-bytedance-h200 recorded by dev-admin", reDecided["bytedance"].Trigger);
        var underV1 = await Orders();
        Assert.Equal(OrderStatus.Rejected, underV1["bytedance-h200-1"].Status);
        Assert.Contains("EXPORT_DENIED", underV1["bytedance-h200-1"].Reasons);

        // v2: the licensed, Beijing-approved H200 buyers are approved; the story's outcomes are those of the demo.
        var v2 = await Publish(2);
        Assert.Subset(v2.ByTransition.Keys.ToHashSet(), new HashSet<string> { "Rejected→Approved", "Rejected→OnHold" });
        Assert.DoesNotContain(v2.ByTransition.Keys, k => k.StartsWith("Approved", StringComparison.Ordinal)); // the US orders stay
        Assert.Equal(OrderStatus.Approved, Moved(v2, "bytedance-h200-1").After);
        Assert.Equal(["LICENSE_EXPIRED"], Moved(v2, "tencent-h200-1").ReasonsAfter.Where(r => r == "LICENSE_EXPIRED"));
        var underV2 = await Orders();
        foreach (var row in StoryGateTests.Expected)
        {
            var (id, status, reasons) = ((string)row[0], (OrderStatus)row[1], (string[])row[2]);
            Assert.Equal((id, status, string.Join(',', reasons.Order())), (id, underV2[id].Status, string.Join(',', underV2[id].Reasons.Order())));
        }

        // v3 previewed, then published: the same two orders move, nothing else.
        using var previewResponse = await Compliance.PostJson("/api/policies/3/impact-preview", await Policy(3));
        Assert.Equal(HttpStatusCode.OK, previewResponse.StatusCode);
        var preview = await previewResponse.Read<ReevaluationReport>();
        Assert.True(preview.DryRun);
        Assert.Equal(["baidu-a100-1", "tencent-h100-1"], preview.Orders.Select(o => o.OrderId).Order());
        Assert.All(preview.Orders, o => Assert.Equal((OrderStatus.Rejected, OrderStatus.OnHold, "AWAITING_EXPORT_LICENSE"),
            (o.Before, o.After, Assert.Single(o.ReasonsAfter))));
        Assert.Equal(OrderStatus.Rejected, (await Orders())["tencent-h100-1"].Status); // a preview changes nothing

        var v3 = await Publish(3);
        Assert.Equal(Digest(preview), Digest(v3));
        Assert.Equal(2, v3.ByReason["AWAITING_EXPORT_LICENSE"]);

        // v3's condition binds every H200 run: China and Macau together get at most half of what the US gets.
        using var runResponse = await _silo.Client("dev-planner").PostJson("/api/allocation-runs",
            new { productLine = "h200", fromWeek = "2026-W48", toWeek = "2027-W06", strategy = "FairShare", mode = "Preview" });
        var run = await runResponse.Read<AllocationRunView>();
        var ratio = Assert.Single(run.Caps.DestinationRatio!);
        Assert.Equal(("CN", "US", 0.5m, "MO"), (ratio.Destination, ratio.RelativeTo, ratio.MaxRatio, Assert.Single(ratio.Together!)));
        var shipTo = story["orders"]!.AsObject().ToDictionary(o => o.Key, o => (string)o.Value!["shipToCountry"]!);
        foreach (var week in run.Weeks)
        {
            var china = week.Lines.Where(l => shipTo[l.OrderId] is "CN" or "MO").Sum(l => l.Quantity);
            var us = week.Lines.Where(l => shipTo[l.OrderId] == "US").Sum(l => l.Quantity);
            Assert.True(china <= 0.5m * us, $"{week.Week}: CN+MO {china} > 0.5 × US {us}");
        }

        // The audit of one order shows every version's decision, the approval and who recorded it.
        var audit = await _silo.Client("dev-viewer").GetJson<AuditEvent[]>("/api/orders/bytedance-h200-1/audit");
        var decisions = audit.Where(a => a.Kind is "GatesEvaluated" or "Reevaluated").ToList();
        Assert.Contains("under policy v1", decisions[0].Detail);
        Assert.Contains(decisions, d => d.Detail.Contains("Rejected → Approved on policy v2 published by dev-compliance under policy v2") && d.By == "dev-compliance");
        Assert.Contains(decisions, d => d.Detail.Contains("policy v3 published by dev-compliance") && d.By == "dev-compliance");
        Assert.Contains(audit, a => a.Kind == "ImportDecisionRecorded" && a.Detail.Contains("MOFCOM-2026-AIC-0117"));
        Assert.True(audit.Zip(audit.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    private static async Task<JsonNode> Policy(int version) =>
        JsonNode.Parse(await File.ReadAllTextAsync(Repo.Ops($"policies/v{version}.json")))!;

    /// <summary>Publishes a shipped version as the compliance officer and waits for its impact report to complete.</summary>
    private async Task<ReevaluationReport> Publish(int version)
    {
        using var published = await Compliance.PutJson($"/api/policies/{version}", await Policy(version));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        return await Eventually.Until(() => Compliance.GetJson<ReevaluationReport>($"/api/policies/{version}/impact"), r => r.Completed);
    }

    /// <summary>The story's customers whose view names a re-evaluation, each with its report once complete.</summary>
    private async Task<Dictionary<string, ReevaluationReport>> ReDecided(JsonObject story)
    {
        var reports = new Dictionary<string, ReevaluationReport>();
        foreach (var (id, _) in story["customers"]!.AsObject())
            if ((await Compliance.GetJson<CustomerView>($"/api/customers/{id}")).Reevaluation is { } reevaluation)
                reports[id] = await Compliance.CompletedReevaluation(reevaluation);
        return reports;
    }

    private async Task<Dictionary<string, OrderSummary>> Orders() =>
        (await _silo.Client("dev-viewer").GetJson<OrderSummary[]>("/api/orders")).ToDictionary(o => o.Id);

    private static OrderImpact Moved(ReevaluationReport report, string orderId) => report.Orders.Single(o => o.OrderId == orderId);

    private static string[] Digest(ReevaluationReport report) =>
        [.. report.Orders.Select(o => $"{o.OrderId}:{o.Before}>{o.After}:{string.Join(',', o.ReasonsAfter)}").Order()];
}

/// <summary>Files of the repository the tests read as a user would (the shipped policies and scenarios, the manifests).</summary>
public static class Repo
{
    public static string Ops(string relative) => File(Path.Combine("ops", relative));

    /// <summary>A path relative to the repository's root.</summary>
    public static string File(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "SupplyGrains.sln"))) return Path.Combine(dir.FullName, relative);
        }
        throw new DirectoryNotFoundException($"No SupplyGrains.sln above {AppContext.BaseDirectory}");
    }
}
