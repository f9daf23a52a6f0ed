namespace SupplyGrains.Bench;

/// <summary>Which caps a synthetic run carries besides the licences (always there).</summary>
public enum CapSet
{
    /// <summary>Licences and maxCustomerShare.</summary>
    LicenceAndShare,

    /// <summary>Licences, maxCustomerShare and CN ≤ 0.25 × US per week.</summary>
    LicenceShareAndRatio,
}
