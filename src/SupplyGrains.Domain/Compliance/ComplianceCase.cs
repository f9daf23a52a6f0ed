using SupplyGrains.Domain.Customers;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Compliance;

/// <summary>Everything the gates look at for one order: the order, its buyer, the licences, the policy and the people's resolutions.</summary>
public sealed record ComplianceCase(
    OrderRequest Order,
    CustomerProfile Buyer,
    IReadOnlyList<LicenseStanding> Licenses,
    VersionedPolicy Policy,
    IReadOnlyList<Resolution> Resolutions,
    DateTimeOffset Now);
