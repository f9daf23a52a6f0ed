using SupplyGrains.Domain;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Telemetry;

/// <summary>
/// A product line's book in numbers: orders and units by status, how much of the approved demand is committed, and
/// the approved units by requested week (demand over a horizon).
/// </summary>
public sealed record BookFigures(
    IReadOnlyDictionary<OrderStatus, long> OrdersByStatus,
    IReadOnlyDictionary<OrderStatus, long> UnitsByStatus,
    double FillRatio,
    IReadOnlyDictionary<IsoWeek, long> ApprovedUnitsByWeek);
