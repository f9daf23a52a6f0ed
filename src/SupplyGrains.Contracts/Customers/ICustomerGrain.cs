using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Contracts.Customers;

/// <summary>A customer (key: customer id such as <c>bytedance</c>): its profile and the standing of its export licences.</summary>
[Alias("SupplyGrains.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Defines or updates the profile; a change re-evaluates the customer's open orders.</summary>
    [Alias("Define")]
    Task<CustomerView> Define(CustomerProfile profile, string by);

    /// <summary>The customer; throws <see cref="NotFoundException"/> when it was never defined.</summary>
    [Alias("Get")]
    Task<CustomerView> Get();

    /// <summary>What the gates need about the buyer: profile and licences. Read on every order decision.</summary>
    [Alias("GetBuyer")]
    Task<BuyerContext> GetBuyer();

    /// <summary>
    /// A licence of this customer was recorded, drawn on or returned to, or expired (<paramref name="reevaluate"/>);
    /// re-evaluates the customer's open orders when the gates can see the change, on the word of <paramref name="by"/>.
    /// Returns the id of the re-evaluation it started, or null when the change needed none.
    /// </summary>
    [Alias("LicenseChanged")]
    Task<string?> LicenseChanged(LicenseStanding standing, string trigger, string by, bool reevaluate = false);
}
