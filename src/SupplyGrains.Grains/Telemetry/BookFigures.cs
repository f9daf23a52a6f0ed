using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Telemetry;

/// <summary>A product line's book in numbers: orders and units by status, and how much of the approved demand is committed.</summary>
public sealed record BookFigures(
    IReadOnlyDictionary<OrderStatus, long> OrdersByStatus,
    IReadOnlyDictionary<OrderStatus, long> UnitsByStatus,
    double FillRatio);
