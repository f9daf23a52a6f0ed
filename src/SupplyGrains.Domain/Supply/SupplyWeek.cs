namespace SupplyGrains.Domain.Supply;

/// <summary>
/// One week of a product line's supply ledger: units produced (fabs plus adjustments), units committed to orders,
/// and units still available to promise by that week without breaking any later commitment.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.SupplyWeek")]
public sealed record SupplyWeek(
    IsoWeek Week,
    int Produced,
    int Committed,
    int Available,
    bool OverCommitted = false);
