namespace SupplyGrains.Domain.Allocation;

/// <summary>What kept an order (or a customer) from getting more in a week.</summary>
public enum StopReason
{
    /// <summary>It got everything it still wanted.</summary>
    Demand,
    LicenseCap,
    CustomerShareCap,
    CountryQuota,
    DestinationRatio,

    /// <summary>The week's supply ran out first.</summary>
    Supply,
}
