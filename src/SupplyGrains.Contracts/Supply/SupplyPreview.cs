using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Supply;

/// <summary>
/// A product line's weekly supply as it is (<see cref="Weeks"/>) and as it would be under a <see cref="SupplyWhatIf"/>
/// (<see cref="WhatIfWeeks"/>), with the weeks whose produced, available or over-committed units would differ.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.SupplyPreview")]
public sealed record SupplyPreview(
    [property: Id(0)] string ProductLine,
    [property: Id(1)] IReadOnlyList<SupplyWeek> Weeks,
    [property: Id(2)] IReadOnlyList<SupplyWeek> WhatIfWeeks,
    [property: Id(3)] IReadOnlyList<IsoWeek> ChangedWeeks);
