namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// The caps of a run, all shared across the orders they cover: the share of a week's supply one customer may get,
/// units per destination country over the run, and destination ratios. Licence caps come with the demand.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.AllocationCaps")]
public sealed record AllocationCaps(
    decimal? MaxCustomerShare = null,
    IReadOnlyDictionary<string, int>? CountryQuota = null,
    IReadOnlyList<DestinationRatio>? DestinationRatio = null)
{
    public static readonly AllocationCaps None = new();
}
