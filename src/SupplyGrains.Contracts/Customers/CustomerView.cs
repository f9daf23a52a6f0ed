using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Contracts.Customers;

/// <summary>A customer as <c>GET /api/customers/{id}</c> shows it.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.CustomerView")]
public sealed record CustomerView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Aliases,
    [property: Id(3)] string Country,
    [property: Id(4)] EntityType EntityType,
    [property: Id(5)] int Tier,
    [property: Id(6)] decimal Weight,
    [property: Id(7)] long PastPurchases,
    [property: Id(8)] IReadOnlyList<LicenseStanding> Licenses)
{
    public static CustomerView Of(string id, CustomerProfile p, IReadOnlyList<LicenseStanding> licenses) =>
        new(id, p.Name, p.Aliases, p.Country, p.EntityType, p.Tier, p.Weight, p.PastPurchases, licenses);
}
