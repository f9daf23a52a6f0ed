using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Catalog;

/// <summary>
/// A supply adjustment as the product line recorded it: the week, units and reason, who made it and when, and the id
/// a retry of the same request carries (none on adjustments recorded before ids were kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.RecordedAdjustment")]
public sealed record RecordedAdjustment(
    [property: Id(0)] IsoWeek Week,
    [property: Id(1)] int Units,
    [property: Id(2)] string Reason,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? Id = null)
{
    /// <summary>The adjustment itself, as the ledger counts it.</summary>
    public SupplyAdjustment ToAdjustment() => new(Week, Units, Reason);
}
