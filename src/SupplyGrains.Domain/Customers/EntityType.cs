namespace SupplyGrains.Domain.Customers;

/// <summary>What kind of organisation a buyer is; export and import rules ban some kinds outright.</summary>
public enum EntityType
{
    Private,
    StateFunded,
    StateFundedDataCenter,
    University,
    MilitaryAffiliated,
    Reseller,
}
