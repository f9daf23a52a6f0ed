using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Contracts.Customers;

/// <summary>
/// A customer as <c>GET /api/customers/{id}</c> shows it. <see cref="Reevaluation"/> is the latest re-evaluation of its
/// open orders (a profile or licence change starts one in the background), to follow at
/// <c>GET /api/policies/reevaluations/{id}</c>; null until a change has started one.
/// </summary>
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
    [property: Id(8)] IReadOnlyList<LicenseStanding> Licenses,
    [property: Id(9)] string? Reevaluation)
{
    public static CustomerView Of(string id, CustomerProfile p, IReadOnlyList<LicenseStanding> licenses, string? reevaluation) =>
        new(id, p.Name, p.Aliases, p.Country, p.EntityType, p.Tier, p.Weight, p.PastPurchases, licenses, reevaluation);
}
