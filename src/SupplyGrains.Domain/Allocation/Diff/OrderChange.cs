namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// An order whose allocation differs between two runs. A null stop reason means the order was not in that run
/// (not approved, not yet requested, or already confirmed when it ran).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.OrderChange")]
public sealed record OrderChange(
    string OrderId,
    string CustomerId,
    int Before,
    int After,
    int Change,
    StopReason? StoppedByBefore,
    StopReason? StoppedByAfter,
    string Why);
