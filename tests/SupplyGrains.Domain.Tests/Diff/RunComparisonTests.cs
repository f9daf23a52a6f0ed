using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Tests.Diff;

public class RunComparisonTests
{
    private static readonly IsoWeek W1 = IsoWeek.Parse("2027-W10");
    private static readonly IsoWeek W2 = W1.AddWeeks(1);

    [Fact]
    public void Compare_ListsEveryOrderThatGainedOrLost_LossesFirst_WithWhy()
    {
        var before = new AllocationOutcome(
            [new WeekAllocation(W1, 100, 100, 0, [])],
            [
                Order("o-a", "alibaba", 100, 50, StopReason.Supply),
                Order("o-b", "bytedance", 100, 50, StopReason.Supply),
                Order("o-gone", "tencent", 10, 0, StopReason.Supply),
                Order("o-same", "aws", 20, 0, StopReason.LicenseCap),
            ]);
        var after = new AllocationOutcome(
            [new WeekAllocation(W1, 60, 60, 0, []), new WeekAllocation(W2, 40, 40, 0, [])],
            [
                Order("o-a", "alibaba", 100, 30, StopReason.Supply),
                Order("o-b", "bytedance", 40, 40, StopReason.Demand),
                Order("o-new", "microsoft", 30, 30, StopReason.Demand),
                Order("o-same", "aws", 20, 0, StopReason.LicenseCap),
            ]);

        var diff = RunComparison.Compare("run-2", after, "run-1", before);

        Assert.Equal(("run-2", "run-1", 100, 100), (diff.RunId, diff.AgainstRunId, diff.AllocatedBefore, diff.AllocatedAfter));
        Assert.Equal((1, 2, 2), (diff.Gained, diff.Lost, diff.Unchanged)); // o-gone lost nothing it had, o-same kept nothing
        Assert.Equal(["o-a", "o-b", "o-new"], diff.Orders.Select(o => o.OrderId));
        var a = diff.Orders[0];
        Assert.Equal((50, 30, -20, StopReason.Supply, StopReason.Supply), (a.Before, a.After, a.Change, a.StoppedByBefore, a.StoppedByAfter));
        Assert.Equal("stopped by Supply in both; same supply: other orders' demand or the caps changed", a.Why);
        Assert.Equal("wanted 100 then, 40 now; stopped by Supply then, by Demand now", diff.Orders[1].Why);
        var added = diff.Orders[2];
        Assert.Null(added.StoppedByBefore);
        Assert.StartsWith("new in this run", added.Why);
        Assert.Equal([(W1, 100, 60), (W2, 0, 40)], diff.Weeks.Select(w => (w.Week, w.SupplyBefore, w.SupplyAfter)));
    }

    [Fact]
    public void Compare_NamesTheSupplyChange_WhenTheRunsHadDifferentSupply()
    {
        var before = new AllocationOutcome([new WeekAllocation(W1, 100, 100, 0, [])], [Order("o-a", "alibaba", 200, 100, StopReason.Supply)]);
        var after = new AllocationOutcome([new WeekAllocation(W1, 80, 80, 0, [])], [Order("o-a", "alibaba", 200, 80, StopReason.Supply)]);

        var change = Assert.Single(RunComparison.Compare("run-2", after, "run-1", before).Orders);

        Assert.Equal("stopped by Supply in both; run supply 100 then, 80 now", change.Why);
    }

    [Fact]
    public void Compare_OfARunWithItself_ChangesNothing()
    {
        var outcome = new AllocationOutcome([new WeekAllocation(W1, 100, 100, 0, [])], [Order("o-a", "alibaba", 200, 100, StopReason.Supply)]);

        var diff = RunComparison.Compare("run-1", outcome, "run-1", outcome);

        Assert.Empty(diff.Orders);
        Assert.Equal((0, 0, 1), (diff.Gained, diff.Lost, diff.Unchanged));
    }

    private static OrderAllocation Order(string id, string customer, int remaining, int allocated, StopReason stoppedBy) =>
        new(id, customer, 1, remaining, allocated, stoppedBy);
}
