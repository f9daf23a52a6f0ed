using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SupplyGrains.Contracts.Customers;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Orders;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Tests;

public class OrderDecisionsTests
{
    [Fact]
    public void Reasons_OfAnOrderThatPassedEveryGate_AreTheOneSharedEmptyList() =>
        // Each open order's book entry keeps its reasons in memory: a list of nothing per order would be 56 bytes each.
        Assert.Same(Array.Empty<string>(), OrderDecisions.Reasons([.. Enum.GetValues<Gate>().Select(g => Decision(g, null))]));

    [Fact]
    public void Reasons_AreThoseOfTheGatesThatGaveOne_InGateOrder() =>
        Assert.Equal(["screening hit", "no import approval"], OrderDecisions.Reasons(
        [
            Decision(Gate.EndUserScreening, "screening hit"), Decision(Gate.ExportControl, null),
            Decision(Gate.ImportApproval, "no import approval"), Decision(Gate.DiversionRisk, null),
        ]));

    [Fact]
    public void AnOrderWhoseScreeningFactsNamedTheList_IsNotRecordedAgain_WhenNothingElseChanged()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new SupplyGrainsMetrics(services.GetRequiredService<IMeterFactory>());
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var policy = new VersionedPolicy(2, new PolicyDocument(new DateOnly(2026, 1, 1), "test",
            new ExportPolicy([], [], [new DeniedParty("Tianshu Institute", []), new DeniedParty("Qinghe Works", [])], 0.9m), []), now, "test");
        var buyer = new BuyerContext(new CustomerProfile("Acme Compute", [], "US", EntityType.Private, 1, 1m, 0), []);
        var order = new OrderState { Request = new OrderRequest("acme", "h200", 8, IsoWeek.Parse("2026-W50"), UseCase.Training, "US") };
        Assert.True(OrderDecisions.Judge(order, "submission", "tests", buyer, policy, now, metrics));
        // As orders decided before the digest stored their screening facts: the list's names in place of their digest.
        order.Facts[Gate.EndUserScreening] = order.Facts[Gate.EndUserScreening]
            .Replace(ScreeningFacts.ListDigest("Tianshu Institute|Qinghe Works"), "Tianshu Institute|Qinghe Works", StringComparison.Ordinal);
        Assert.Contains("\u001fTianshu Institute|Qinghe Works\u001f", order.Facts[Gate.EndUserScreening]);

        Assert.False(OrderDecisions.Judge(order, "customer change", "tests", buyer, policy, now, metrics));
        Assert.Single(order.Audit);
    }

    private static GateDecision Decision(Gate gate, string? reason) =>
        new(gate, reason is null ? GateOutcome.Pass : GateOutcome.Hold, reason, "", 1, DateTimeOffset.UnixEpoch);
}
