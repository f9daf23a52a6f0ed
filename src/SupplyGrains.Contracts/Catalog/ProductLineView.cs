using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Catalog;

/// <summary>
/// A product line as <c>GET /api/product-lines/{id}</c> shows it: its definition, the weekly supply ledger and the
/// manual adjustments that went into it.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ProductLineView")]
public sealed record ProductLineView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Family,
    [property: Id(3)] LifecycleStage Stage,
    [property: Id(4)] int Tpp,
    [property: Id(5)] int LotSize,
    [property: Id(6)] IReadOnlyList<SupplyWeek> Supply,
    [property: Id(7)] IReadOnlyList<RecordedAdjustment> Adjustments)
{
    public static ProductLineView Of(string id, ProductLineDefinition d, IReadOnlyList<SupplyWeek> supply, IReadOnlyList<RecordedAdjustment> adjustments) =>
        new(id, d.Name, d.Family, d.Stage, d.Tpp, d.LotSize, supply, adjustments);

    public ProductLineDefinition Definition => new(Name, Family, Stage, Tpp, LotSize);
}
