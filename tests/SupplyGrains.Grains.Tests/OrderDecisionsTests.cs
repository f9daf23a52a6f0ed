using SupplyGrains.Domain.Compliance;
using SupplyGrains.Grains.Orders;

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

    private static GateDecision Decision(Gate gate, string? reason) =>
        new(gate, reason is null ? GateOutcome.Pass : GateOutcome.Hold, reason, "", 1, DateTimeOffset.UnixEpoch);
}
