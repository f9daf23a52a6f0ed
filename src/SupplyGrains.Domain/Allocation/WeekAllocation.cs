namespace SupplyGrains.Domain.Allocation;

/// <summary>One week of a run: the supply it had (carried in plus released), what it allocated, what it carried out, and a line per eligible order.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.WeekAllocation")]
public sealed record WeekAllocation(
    [property: Id(0)] IsoWeek Week,
    [property: Id(1)] int Supply,
    [property: Id(2)] int Allocated,
    [property: Id(3)] int CarriedOut,
    [property: Id(4)] IReadOnlyList<AllocationLine> Lines);
