using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Tests.Allocation;

/// <summary>The filling's event order, compared millions of times a run by its priority queues.</summary>
public class FillingEventTests
{
    [Fact]
    public void Compare_OrdersByLevelThenKindThenIdThenVersion()
    {
        var limit = new FillingEvent(2, FillingEventKind.CustomerLimit, 9, 9);

        Assert.True(new FillingEvent(1, FillingEventKind.SharedCapInLockstep, 9, 9).CompareTo(limit) < 0);
        Assert.True(limit.CompareTo(new FillingEvent(2, FillingEventKind.RatioBinds, 0, 0)) < 0);
        Assert.True(new FillingEvent(2, FillingEventKind.CustomerLimit, 8, 9).CompareTo(limit) < 0);
        Assert.True(new FillingEvent(2, FillingEventKind.CustomerLimit, 9, 8).CompareTo(limit) < 0);
        Assert.Equal(0, limit.CompareTo(limit with { }));
    }

    [Fact]
    public void Compare_DoesNotAllocate()
    {
        // Comparing the kinds as enums boxed both of them: 400 MB of garbage in one run of a million orders.
        var first = new FillingEvent(1, FillingEventKind.CustomerLimit, 5, 0);
        var second = new FillingEvent(1, FillingEventKind.RatioBinds, 2, 0);
        var order = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++) order += first.CompareTo(second);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(-1_000, order);
        Assert.Equal(0, allocated);
    }
}
