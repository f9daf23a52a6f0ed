namespace SupplyGrains.Domain.Allocation;

/// <summary>One order over the whole run: what it still wanted, what it got, and what stopped it in the last week it was eligible.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.OrderAllocation")]
public sealed record OrderAllocation(
    string OrderId,
    string CustomerId,
    int Tier,
    int RemainingBefore,
    int Allocated,
    StopReason StoppedBy);
