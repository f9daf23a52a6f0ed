namespace SupplyGrains.Domain.Allocation;

/// <summary>What one order got in one week, and what stopped it getting more.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.AllocationLine")]
public sealed record AllocationLine(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] int Quantity,
    [property: Id(3)] StopReason StoppedBy);
