namespace SupplyGrains.Domain.Allocation;

/// <summary>One order over the whole run: what it still wanted, what it got, and what stopped it in the last week it was eligible.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.OrderAllocation")]
public sealed record OrderAllocation(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] int Tier,
    [property: Id(3)] int RemainingBefore,
    [property: Id(4)] int Allocated,
    [property: Id(5)] StopReason StoppedBy);
