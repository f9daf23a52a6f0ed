namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>A Win order's reservation while the plan is worked out: it may shrink when a later week needs the units.</summary>
internal sealed class PlannedReservation(int order, int weekIndex, long wanted)
{
    public int Order { get; } = order;

    public int WeekIndex { get; } = weekIndex;

    public long Wanted { get; } = wanted;

    public long Reserved { get; set; }

    public long Freed { get; set; }

    public List<string> Shortfall { get; } = [];
}
