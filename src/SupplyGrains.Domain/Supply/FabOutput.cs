namespace SupplyGrains.Domain.Supply;

/// <summary>What a fab does for one product line in one week: the wafers it starts and the units that come out.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.FabOutput")]
public sealed record FabOutput(
    [property: Id(0)] IsoWeek Week,
    [property: Id(1)] string ProductLine,
    [property: Id(2)] int WaferStarts,
    [property: Id(3)] int Units);
