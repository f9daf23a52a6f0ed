namespace SupplyGrains.Domain.Orders;

/// <summary>Who will really use the units when the buyer is not the end user (a reseller, a cloud for a lab).</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.EndUser")]
public sealed record EndUser(
    string Name,
    string Country);
