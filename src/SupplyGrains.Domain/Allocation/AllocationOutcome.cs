namespace SupplyGrains.Domain.Allocation;

/// <summary>The engine's answer: per week and per order.</summary>
public sealed record AllocationOutcome(
    IReadOnlyList<WeekAllocation> Weeks,
    IReadOnlyList<OrderAllocation> Orders);
