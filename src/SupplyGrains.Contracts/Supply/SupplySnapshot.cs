using SupplyGrains.Domain;

namespace SupplyGrains.Contracts.Supply;

/// <summary>
/// A product line's supply as a run reads it: lot size, produced and committed units per week, and a version that
/// changes whenever any of them changes (part of a run's input fingerprint).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.SupplySnapshot")]
public sealed record SupplySnapshot(
    [property: Id(0)] int LotSize,
    [property: Id(1)] IReadOnlyDictionary<IsoWeek, int> Produced,
    [property: Id(2)] IReadOnlyDictionary<IsoWeek, int> Committed,
    [property: Id(3)] long Version);
