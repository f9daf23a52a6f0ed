using SupplyGrains.Silo.Endpoints;

namespace SupplyGrains.Silo.Tests;

public sealed class TimeOrderedGuidTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Ids_are_version_7_and_carry_the_clock_in_milliseconds()
    {
        var at = new DateTimeOffset(2026, 11, 29, 19, 30, 0, 123, TimeSpan.Zero);
        var id = TimeOrderedGuid.Create(new FixedClock(at));

        Assert.Equal(7, id.Version);
        Assert.Equal(0b1000, id.Variant & 0b1100);
        Assert.Equal(at.ToUnixTimeMilliseconds().ToString("x12"), id.ToString("N")[..12]);
    }

    [Fact]
    public void Ids_within_one_millisecond_differ_across_refills_and_threads()
    {
        var clock = new FixedClock(DateTimeOffset.UnixEpoch.AddDays(20_000));
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 1_000; i++) ids.Add(TimeOrderedGuid.Create(clock));
        });

        Assert.Equal(4_000, ids.Distinct().Count());
    }

    [Fact]
    public void Later_ids_sort_after_earlier_ones()
    {
        var earlier = TimeOrderedGuid.Create(new FixedClock(DateTimeOffset.UnixEpoch.AddDays(20_000)));
        var later = TimeOrderedGuid.Create(new FixedClock(DateTimeOffset.UnixEpoch.AddDays(20_000).AddMilliseconds(1)));

        Assert.True(string.CompareOrdinal(earlier.ToString("N"), later.ToString("N")) < 0);
    }
}
