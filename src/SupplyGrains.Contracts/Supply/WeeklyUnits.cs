using SupplyGrains.Domain;

namespace SupplyGrains.Contracts.Supply;

/// <summary>A number of units in one week (a fab's output, a commitment, a release).</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.WeeklyUnits")]
public sealed record WeeklyUnits(
    [property: Id(0)] IsoWeek Week,
    [property: Id(1)] int Units);
