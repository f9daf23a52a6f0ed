using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Cli.Tests;

/// <summary>The read commands on the loaded story: orders, supply, policy, and loading the scenario again.</summary>
[Collection(StoryCollection.Name)]
public sealed class StoryReadTests(StoryCluster story)
{
    private readonly Cli _cli = story.Cli;

    [Fact]
    public async Task OrdersList_ByProductLineAndStatus_GivesTheHeldH200Orders()
    {
        var result = await _cli.Run("orders", "list", "-p", "h200", "--status", "OnHold", "--json");

        result.AssertExit(ExitCode.Ok);
        var orders = result.Json<List<OrderSummary>>();
        Assert.Equal(
            ["baidu-h200-1", "bytedance-h200-2", "bytedance-h200-my", "lianxing-h200-1", "meridian-h200-1", "meridian-h200-3", "qinghe-lab-h200-1", "tencent-h200-1", "xinyuan-h200-1"],
            orders.Select(o => o.Id).Order(StringComparer.Ordinal));
        Assert.All(orders, o => Assert.Equal(OrderStatus.OnHold, o.Status));
        Assert.Equal(["AWAITING_IMPORT_APPROVAL"], orders.Single(o => o.Id == "bytedance-h200-2").Reasons);
    }

    [Fact]
    public async Task OrdersList_Json_SpeaksTheApiShape()
    {
        var result = await _cli.Run("orders", "list", "--customer", "tencent", "--json");

        var first = result.JsonElement().EnumerateArray().First();
        Assert.Equal("tencent", first.GetProperty("customerId").GetString());
        Assert.Matches("^\\d{4}-W\\d{2}$", first.GetProperty("requestedWeek").GetString());
        Assert.Contains(first.GetProperty("status").GetString(), Enum.GetNames<OrderStatus>());
        Assert.Equal(3, result.JsonElement().GetArrayLength()); // tencent-h200-1, tencent-h100-1, tencent-h20-1
    }

    [Fact]
    public async Task OrdersList_Table_ShowsStatusAndReasons()
    {
        var result = await _cli.Run("orders", "list", "--customer", "alibaba");

        result.AssertExit(ExitCode.Ok);
        Assert.Contains("alibaba-h200-infer", result.Out);
        Assert.Contains("USE_CASE_DENIED", result.Out);
        Assert.Contains("IMPORT_DENIED", result.Out);
        Assert.Contains("4 order(s)", result.Out);
    }

    [Fact]
    public async Task OrdersShow_ListsEveryGate_WithReasonAndPolicyVersion()
    {
        var text = await _cli.Run("orders", "show", "meridian-h200-2");
        var json = await _cli.Run("orders", "show", "meridian-h200-2", "--json");

        text.AssertExit(ExitCode.Ok);
        foreach (var gate in Enum.GetNames<Gate>()) Assert.Contains(gate, text.Out);
        Assert.Contains("DENIED_PARTY", text.Out);
        var order = json.Json<OrderView>();
        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Equal(4, order.Gates.Count);
        Assert.All(order.Gates, g => Assert.Equal(2, g.PolicyVersion));
        Assert.Contains(order.Gates, g => g.Reason == "DENIED_PARTY" && g.Outcome == GateOutcome.Fail);
    }

    [Fact]
    public async Task OrdersShow_WithAudit_ListsTheTrail()
    {
        var result = await _cli.Run("orders", "show", "bytedance-h200-1", "--audit", "--json");

        result.AssertExit(ExitCode.Ok);
        var audit = result.JsonElement().GetProperty("audit").EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("kind").GetString() == "Submitted" && e.GetProperty("by").GetString() == "story-setup");
        Assert.Equal("bytedance-h200-1", result.JsonElement().GetProperty("order").GetProperty("id").GetString());
    }

    [Fact]
    public async Task OrdersShow_UnknownOrder_ExitsNotFound()
    {
        var result = await _cli.Run("orders", "show", "no-such-order");

        result.AssertExit(ExitCode.NotFound);
        Assert.Equal("error: order 'no-such-order' does not exist.\n", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task SupplyShow_ChartsProducedAgainstCommitted()
    {
        var result = await _cli.Run("supply", "show", "h200", "--from", "2026-W45", "--to", "2026-W48");

        result.AssertExit(ExitCode.Ok);
        var lines = result.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("2026-W45 produced") && l.Contains("█") && l.TrimEnd().EndsWith("4,005", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("2026-W48 produced") && l.TrimEnd().EndsWith("4,472", StringComparison.Ordinal));
        Assert.Equal(4, lines.Count(l => l.Trim().StartsWith("committed", StringComparison.Ordinal)));
        Assert.Contains("produced 16,953 · committed 0", result.Out);
        Assert.DoesNotContain("over-committed", result.Out);
    }

    [Fact]
    public async Task SupplyShow_Json_IsTheLedgerOfTheWeeksAsked()
    {
        var result = await _cli.Run("supply", "show", "h200", "--from", "2026-W45", "--to", "2026-W48", "--json");

        var line = result.Json<ProductLineView>();
        Assert.Equal(8, line.LotSize);
        Assert.Equal([4005, 4160, 4316, 4472], line.Supply.Select(w => w.Produced));
        Assert.Equal(["2026-W45", "2026-W46", "2026-W47", "2026-W48"], line.Supply.Select(w => w.Week.ToString()));
    }

    [Fact]
    public async Task SupplyShow_WithoutWeeks_ShowsEveryWeekThatProducedOrCommitted()
    {
        var result = await _cli.Run("supply", "show", "h200", "--json");

        var weeks = result.Json<ProductLineView>().Supply;
        Assert.Equal("2026-W45", weeks[0].Week.ToString());
        Assert.All(weeks, w => Assert.True(w.Produced != 0 || w.Committed != 0));
    }

    [Fact]
    public async Task SupplyShow_UnknownProductLine_ExitsNotFound()
    {
        var result = await _cli.Run("supply", "show", "h999");

        result.AssertExit(ExitCode.NotFound);
        Assert.Contains("h999", result.Error);
    }

    [Fact]
    public async Task PolicyShow_TheVersionInForce_IsV2WithItsRules()
    {
        var text = await _cli.Run("policy", "show");
        var json = await _cli.Run("policy", "show", "--json");

        text.AssertExit(ExitCode.Ok);
        Assert.Contains("Policy v2", text.Out);
        Assert.Contains("LicenseRequired", text.Out);
        var policy = json.Json<VersionedPolicy>();
        Assert.Equal(2, policy.Version);
        Assert.Contains(policy.Document.Export.Rules, r => r is { ProductLine: "h200", Destination: "CN", Treatment: ExportTreatment.LicenseRequired });
    }

    [Fact]
    public async Task PolicyShow_AnOlderVersion_AndAnUnknownOne()
    {
        var v1 = await _cli.Run("policy", "show", "1", "--json");
        var v9 = await _cli.Run("policy", "show", "9");

        Assert.Contains(v1.Json<VersionedPolicy>().Document.Export.Rules, r => r is { ProductLine: "h200", Destination: "CN", Treatment: ExportTreatment.Denied });
        v9.AssertExit(ExitCode.NotFound);
        Assert.Contains("policy version '9' does not exist", v9.Error);
    }

    [Fact]
    public async Task PolicyList_MarksTheCurrentVersion()
    {
        var text = await _cli.Run("policy", "list");
        var json = await _cli.Run("policy", "list", "--json");

        Assert.Contains("v2 (current)", text.Out);
        Assert.Equal([1, 2], json.Json<List<VersionedPolicy>>().Select(v => v.Version).Order());
    }

    [Fact]
    public async Task PolicyImpact_OfDraftV3_MovesTwoOrders_AndPublishesNothing()
    {
        var text = await _cli.Run("policy", "impact", "3", "--draft", Story.Policy(3));
        var json = await _cli.Run("policy", "impact", "3", "--draft", Story.Policy(3), "--json");
        var current = await _cli.Run("policy", "show", "--json");

        text.AssertExit(ExitCode.Ok);
        Assert.Contains("dry run: nothing changed", text.Out);
        var report = json.Json<ReevaluationReport>();
        Assert.True(report.DryRun);
        Assert.True(report.Completed);
        Assert.Equal(2, report.Changed);
        Assert.Equal(["baidu-a100-1", "tencent-h100-1"], report.Orders.Where(o => o.IsChange).Select(o => o.OrderId).Order(StringComparer.Ordinal));
        Assert.All(report.Orders.Where(o => o.IsChange), o => Assert.Equal((OrderStatus.Rejected, OrderStatus.OnHold), (o.Before, o.After)));
        Assert.Equal(2, current.Json<VersionedPolicy>().Version);
    }

    [Fact]
    public async Task PolicyImpact_OfAVersionNeverPublished_ExitsNotFound()
    {
        var result = await _cli.Run("policy", "impact", "42");

        result.AssertExit(ExitCode.NotFound);
        Assert.Contains("42", result.Error);
    }
}
