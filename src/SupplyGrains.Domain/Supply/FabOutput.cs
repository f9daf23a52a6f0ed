namespace SupplyGrains.Domain.Supply;

/// <summary>What a fab does for one product line in one week: the wafers it starts and the units that come out.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.FabOutput")]
public sealed record FabOutput(
    IsoWeek Week,
    string ProductLine,
    int WaferStarts,
    int Units);
