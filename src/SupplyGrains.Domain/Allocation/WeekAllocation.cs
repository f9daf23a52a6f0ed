namespace SupplyGrains.Domain.Allocation;

/// <summary>One week of a run: the supply it had (carried in plus released), what it allocated, what it carried out, and a line per eligible order.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.WeekAllocation")]
public sealed record WeekAllocation(
    IsoWeek Week,
    int Supply,
    int Allocated,
    int CarriedOut,
    IReadOnlyList<AllocationLine> Lines);
