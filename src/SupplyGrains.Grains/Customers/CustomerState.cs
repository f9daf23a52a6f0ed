using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Grains.Customers;

/// <summary>A customer's stored state: profile and the standing of each of its licences.</summary>
[GenerateSerializer, Alias("SupplyGrains.CustomerState")]
public sealed class CustomerState
{
    [Id(0)] public CustomerProfile? Profile { get; set; }
    [Id(1)] public Dictionary<string, LicenseStanding> Licenses { get; set; } = [];
}
