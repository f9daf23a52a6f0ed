using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// The demo story as loaded on an empty store (policy v2 in force): every order decided as
/// <c>ops/scenarios/README.md</c> says, with every reason code of SPEC §3 somewhere in the story.
/// </summary>
[Collection(StoryCollection.Name)]
public class StoryGateTests(SiloFixture fixture)
{
    public static TheoryData<string, OrderStatus, string[]> Expected => new()
    {
        { "microsoft-h200-1", OrderStatus.Approved, [] },
        { "meta-h200-1", OrderStatus.Approved, [] },
        { "amazon-h200-1", OrderStatus.Approved, [] },
        { "bytedance-h200-1", OrderStatus.Approved, [] },
        { "alibaba-h200-1", OrderStatus.Approved, [] },
        { "microsoft-h200-ie", OrderStatus.Approved, [] },
        { "bytedance-h200-2", OrderStatus.OnHold, ["AWAITING_IMPORT_APPROVAL"] },
        { "bytedance-h200-my", OrderStatus.OnHold, ["DIVERSION_REVIEW"] },
        { "alibaba-h200-infer", OrderStatus.Rejected, ["USE_CASE_DENIED"] },
        { "alibaba-h200-2", OrderStatus.Rejected, ["IMPORT_DENIED"] },
        { "tencent-h200-1", OrderStatus.OnHold, ["LICENSE_EXPIRED"] },
        { "baidu-h200-1", OrderStatus.OnHold, ["AWAITING_EXPORT_LICENSE"] },
        { "guizhou-h200-1", OrderStatus.Rejected, ["IMPORT_BANNED_BUYER", "AWAITING_EXPORT_LICENSE"] },
        { "qinghe-lab-h200-1", OrderStatus.OnHold, ["AWAITING_EXPORT_LICENSE", "AWAITING_IMPORT_APPROVAL"] },
        { "tianshu-h200-1", OrderStatus.Rejected, ["MILITARY_END_USER", "AWAITING_EXPORT_LICENSE", "AWAITING_IMPORT_APPROVAL"] },
        { "xinyuan-h200-1", OrderStatus.OnHold, ["AWAITING_EXPORT_LICENSE", "AWAITING_IMPORT_APPROVAL"] },
        { "meridian-h200-1", OrderStatus.OnHold, ["AWAITING_EXPORT_LICENSE", "AWAITING_IMPORT_APPROVAL", "DIVERSION_REVIEW"] },
        { "meridian-h200-2", OrderStatus.Rejected, ["DENIED_PARTY", "AWAITING_EXPORT_LICENSE", "AWAITING_IMPORT_APPROVAL", "DIVERSION_REVIEW"] },
        { "meridian-h200-3", OrderStatus.OnHold, ["DIVERSION_REVIEW"] },
        { "lianxing-h200-1", OrderStatus.OnHold, ["POSSIBLE_DENIED_PARTY"] },
        { "meta-h200-2", OrderStatus.Approved, [] },
        { "amazon-h200-2", OrderStatus.Approved, [] },
        { "tencent-h100-1", OrderStatus.Rejected, ["EXPORT_DENIED"] },
        { "baidu-a100-1", OrderStatus.Rejected, ["EXPORT_DENIED"] },
        { "alibaba-blackwell-1", OrderStatus.Rejected, ["EXPORT_DENIED"] },
        { "tencent-h20-1", OrderStatus.Approved, [] },
        { "meta-blackwell-1", OrderStatus.Approved, [] },
        { "microsoft-blackwell-1", OrderStatus.Approved, [] },
        { "amazon-rubin-1", OrderStatus.Approved, [] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task StoryOrder_IsDecidedByTheGates_AsTheStorySays(string orderId, OrderStatus status, string[] reasons)
    {
        var order = await fixture.As("dev-viewer").GetJson<OrderView>($"/api/orders/{orderId}");

        Assert.Equal(status, order.Status);
        Assert.Equal(reasons.Order(), order.Gates.Where(g => g.Reason is not null).Select(g => g.Reason!).Order());
        Assert.Equal(4, order.Gates.Count);
        Assert.All(order.Gates, g => Assert.Equal(2, g.PolicyVersion));
    }

    [Fact]
    public async Task Story_UsesEveryReasonCode_AndListsEveryOrder()
    {
        var orders = await fixture.As("dev-viewer").GetJson<OrderSummary[]>("/api/orders");

        Assert.Equal(Expected.Count(), orders.Length);
        string[] codes = ["MILITARY_END_USER", "DENIED_PARTY", "POSSIBLE_DENIED_PARTY", "EXPORT_DENIED", "AWAITING_EXPORT_LICENSE",
            "LICENSE_EXPIRED", "IMPORT_BANNED_BUYER", "USE_CASE_DENIED", "AWAITING_IMPORT_APPROVAL", "IMPORT_DENIED", "DIVERSION_REVIEW"];
        Assert.Subset(orders.SelectMany(o => o.Reasons).ToHashSet(), codes.ToHashSet());
    }

    [Fact]
    public async Task ScreeningHold_NamesTheDeniedPartyItResembles()
    {
        var order = await fixture.As("dev-viewer").GetJson<OrderView>("/api/orders/lianxing-h200-1");

        var screening = order.Gates.Single(g => g.Gate == Domain.Compliance.Gate.EndUserScreening);
        Assert.Contains("Lianxin Compute Trading Limited", screening.Detail);
    }

    [Fact]
    public async Task StorySupply_IsDerivedFromTheFab_ScarceAndCappedByPackaging()
    {
        var line = await fixture.As("dev-viewer").GetJson<System.Text.Json.JsonElement>("/api/product-lines/h200");

        var produced = line.GetProperty("supply").EnumerateArray()
            .ToDictionary(s => s.GetProperty("week").GetString()!, s => s.GetProperty("produced").GetInt32());
        Assert.Equal(4005, produced["2026-W45"]);
        Assert.Equal(4500, produced["2026-W50"]); // CoWoS cap
        Assert.Equal(2859, produced["2027-W03"]); // wafers moved to Rubin from 2026-W44, 12 weeks earlier
    }

    [Fact]
    public async Task StoryPreview_GivesScarceH200ToApprovedOrdersOnly_InWholeLots()
    {
        var run = await (await fixture.As("dev-planner").PostJson("/api/allocation-runs",
            new { productLine = "h200", fromWeek = "2026-W48", toWeek = "2027-W06", strategy = "FairShare", mode = "Preview" }))
            .Read<Contracts.Allocation.AllocationRunView>();
        var approved = (await fixture.As("dev-viewer").GetJson<OrderSummary[]>("/api/orders?productLine=h200&status=Approved")).Select(o => o.Id).ToHashSet();

        Assert.Subset(approved, run.Orders.Select(o => o.OrderId).ToHashSet());
        Assert.All(run.Weeks.SelectMany(w => w.Lines), l => Assert.Equal(0, l.Quantity % 8));
        Assert.All(run.Weeks, w => Assert.True(w.Allocated <= w.Supply));
        Assert.Equal(12481 + 47874, run.Weeks.Sum(w => w.Allocated) + run.Weeks[^1].CarriedOut);
        Assert.True(run.Weeks[^1].CarriedOut < 8 * run.Orders.Count); // scarce: what is left is less than a lot per order
    }
}
