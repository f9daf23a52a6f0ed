using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// Why the oracle's books give each customer one route. SPEC §4 serves a customer's orders in its queue order
/// (requested week, submission time, id), so a customer whose first order is under a shared licence draws on that
/// licence before its later orders, even when the exact max-min over free routing would send it another way and
/// leave the licence to a customer that has no other. The LP routes freely; the engine must not.
/// </summary>
public class SharedLicenceRoutingTests
{
    [Fact]
    public void FairShare_ServesACustomersOrdersInQueueOrder_EvenWhenThatSpendsASharedLicence()
    {
        // a's first order is under L (room 5), its second needs no licence; b has only L. 20 units for 20 + 10 wanted.
        var week = IsoWeek.Parse("2026-W10");
        var opening = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        DemandLine Line(string order, string customer, int minute, string? licence) =>
            new(order, customer, 1, 1m, 0, week, opening.AddMinutes(minute), 10, "DE", licence);
        var problem = new AllocationProblem(week, week, new Dictionary<IsoWeek, int> { [week] = 20 }, 1,
            [Line("a-1", "a", 0, "L"), Line("a-2", "a", 1, null), Line("b-1", "b", 2, "L")],
            new Dictionary<string, int> { ["L"] = 5 }, AllocationCaps.None);

        var lines = AllocationEngine.Allocate(problem).Weeks[0].Lines.ToDictionary(l => l.OrderId);

        // a and b rise together on L until it runs out at 2.5 each; then b is stopped by the licence and a moves on
        // to its second order. Free routing would give b all of L (5) instead.
        Assert.Equal(5, lines["a-1"].Quantity + lines["b-1"].Quantity);
        Assert.InRange(lines["b-1"].Quantity, 2, 3);
        Assert.Equal(StopReason.LicenseCap, lines["b-1"].StoppedBy);
        Assert.Equal(10, lines["a-2"].Quantity);
    }
}
