using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Contracts.Compliance;

/// <summary>An export licence (key: licence id): terms, remaining quantity, and the draws made on it by committed runs.</summary>
[Alias("SupplyGrains.ILicenseGrain")]
public interface ILicenseGrain : IGrainWithStringKey
{
    /// <summary>Records or amends the licence; remaining = quantity − what committed runs drew. Notifies the customer.</summary>
    [Alias("Record")]
    Task<LicenseView> Record(LicenseTerms terms, string by);

    /// <summary>The licence; throws <see cref="NotFoundException"/> when it was never recorded.</summary>
    [Alias("Get")]
    Task<LicenseView> Get();

    /// <summary>Draws units for a committed run; a repeated <paramref name="entryId"/> does nothing.</summary>
    [Alias("Draw")]
    Task Draw(string entryId, int units);

    /// <summary>Its expiry date has passed (the compliance clock says so): the customer's open orders are re-decided.</summary>
    [Alias("Expire")]
    Task Expire();

    /// <summary>Returns units of a released confirmation; a repeated <paramref name="entryId"/> does nothing.</summary>
    [Alias("Return")]
    Task Return(string entryId, int units);
}
