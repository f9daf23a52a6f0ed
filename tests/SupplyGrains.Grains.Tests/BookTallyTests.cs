using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Allocation;

namespace SupplyGrains.Grains.Tests;

public class BookTallyTests
{
    private static BookEntry Entry(string id, OrderStatus status, int quantity, long revision = 1) =>
        new(id, "alibaba", 1, 1m, 0, Given.Week, DateTimeOffset.UnixEpoch, quantity, status, [], "US", null, ConfirmationClass.Redistribute, revision);

    [Fact]
    public void Tally_FollowsOrdersAcrossStatusChanges_AndCountsTheFillOfApprovedDemand()
    {
        var tally = new BookTally();
        var held = Entry("o-1", OrderStatus.OnHold, 80);
        tally.Add(held, 0);
        tally.Add(Entry("o-2", OrderStatus.Approved, 160), 40);

        // o-1 is approved; later o-2 is rejected while it still holds 40 (its release recounts afterwards).
        tally.Remove(held, 0);
        tally.Add(held with { Status = OrderStatus.Approved, Revision = 2 }, 0);
        var before = tally.Figures();
        tally.Remove(Entry("o-2", OrderStatus.Approved, 160), 40);
        tally.Add(Entry("o-2", OrderStatus.Rejected, 160, 2), 40);
        var after = tally.Figures();

        Assert.Equal((2L, 0L, 240L), (before.OrdersByStatus[OrderStatus.Approved], before.OrdersByStatus[OrderStatus.OnHold], before.UnitsByStatus[OrderStatus.Approved]));
        Assert.Equal(40d / 240, before.FillRatio, 1e-9);
        Assert.Equal((1L, 1L, 80L), (after.OrdersByStatus[OrderStatus.Approved], after.OrdersByStatus[OrderStatus.Rejected], after.UnitsByStatus[OrderStatus.Approved]));
        Assert.Equal(0, after.FillRatio);
    }

    [Fact]
    public void Recount_TakesWhatApprovedOrdersHoldNow()
    {
        var tally = new BookTally();
        var approved = Entry("o-1", OrderStatus.Approved, 80);
        var onHold = Entry("o-2", OrderStatus.OnHold, 80);
        tally.Add(approved, 0);
        tally.Add(onHold, 0);

        tally.Recount([approved, onHold], id => id == "o-1" ? 40 : 80);

        Assert.Equal(0.5, tally.Figures().FillRatio, 1e-9);
    }
}
