using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Contracts.Customers;

/// <summary>A buyer as the gates see it: the profile and every licence it holds.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.BuyerContext")]
public sealed record BuyerContext(
    [property: Id(0)] CustomerProfile Profile,
    [property: Id(1)] IReadOnlyList<LicenseStanding> Licenses);
