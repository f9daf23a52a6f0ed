namespace SupplyGrains.Domain.Supply;

/// <summary>
/// One week of a product line's supply ledger: units produced (fabs plus adjustments), units committed to orders,
/// and units still available to promise by that week without breaking any later commitment; with where the produced
/// units came from (<see cref="ProducedByFab"/>, <see cref="Adjusted"/>) and the inventory carried in from the week
/// before and out to the week after (the cumulative net of produced − committed, never negative).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.SupplyWeek")]
public sealed record SupplyWeek(
    IsoWeek Week,
    int Produced,
    int Committed,
    int Available,
    bool OverCommitted = false,
    IReadOnlyDictionary<string, int>? ProducedByFab = null,
    int Adjusted = 0,
    int CarriedIn = 0,
    int CarriedOut = 0);
