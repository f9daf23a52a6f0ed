using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Catalog;

/// <summary>A product line as <c>GET /api/product-lines/{id}</c> shows it: its definition plus the weekly supply ledger.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ProductLineView")]
public sealed record ProductLineView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Family,
    [property: Id(3)] LifecycleStage Stage,
    [property: Id(4)] int Tpp,
    [property: Id(5)] int LotSize,
    [property: Id(6)] IReadOnlyList<SupplyWeek> Supply)
{
    public static ProductLineView Of(string id, ProductLineDefinition d, IReadOnlyList<SupplyWeek> supply) =>
        new(id, d.Name, d.Family, d.Stage, d.Tpp, d.LotSize, supply);

    public ProductLineDefinition Definition => new(Name, Family, Stage, Tpp, LotSize);
}
