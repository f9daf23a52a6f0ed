using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Supply;

/// <summary>A fab as <c>GET /api/fabs/{id}</c> shows it: its definition (with capacity changes and planned downtime) plus the weekly output forecast.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.FabView")]
public sealed record FabView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Country,
    [property: Id(3)] int WaferStartsPerWeek,
    [property: Id(4)] IReadOnlyList<ProductLoad> Loads,
    [property: Id(5)] IReadOnlyList<FabOutput> Output,
    [property: Id(6)] IReadOnlyList<CapacityChange> CapacityChanges,
    [property: Id(7)] IReadOnlyList<PlannedDowntime> Downtime)
{
    public static FabView Of(string id, FabDefinition d, IReadOnlyList<FabOutput> output) =>
        new(id, d.Name, d.Country, d.WaferStartsPerWeek, d.Loads, output, d.CapacityChanges ?? [], d.Downtime ?? []);
}
