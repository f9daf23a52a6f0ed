namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// The caps of a run, all shared across the orders they cover: the share of a week's supply one customer may get,
/// units per destination country over the run, and destination ratios. Licence caps come with the demand.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.AllocationCaps")]
public sealed record AllocationCaps(
    [property: Id(0)] decimal? MaxCustomerShare = null,
    [property: Id(1)] IReadOnlyDictionary<string, int>? CountryQuota = null,
    [property: Id(2)] IReadOnlyList<DestinationRatio>? DestinationRatio = null)
{
    public static readonly AllocationCaps None = new();
}
