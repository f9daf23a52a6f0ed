namespace SupplyGrains.Domain.Supply;

/// <summary>
/// One week of a product line's supply ledger: units produced (fabs plus adjustments), units committed to orders,
/// and units still available to promise by that week without breaking any later commitment.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.SupplyWeek")]
public sealed record SupplyWeek(
    [property: Id(0)] IsoWeek Week,
    [property: Id(1)] int Produced,
    [property: Id(2)] int Committed,
    [property: Id(3)] int Available,
    [property: Id(4)] bool OverCommitted = false);
