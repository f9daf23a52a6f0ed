namespace SupplyGrains.Domain.Allocation;

/// <summary>What one order got in one week, and what stopped it getting more.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.AllocationLine")]
public sealed record AllocationLine(
    string OrderId,
    string CustomerId,
    int Quantity,
    StopReason StoppedBy);
