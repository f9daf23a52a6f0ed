using SupplyGrains.Domain.Compliance;
using SupplyGrains.Grains.Compliance;
using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Grains.Customers;

/// <summary>A customer's stored state: profile, the standing of each of its licences, and the re-evaluation it owes.</summary>
[GenerateSerializer, Alias("SupplyGrains.CustomerState")]
public sealed class CustomerState
{
    [Id(0)] public CustomerProfile? Profile { get; set; }
    [Id(1)] public Dictionary<string, LicenseStanding> Licenses { get; set; } = [];
    /// <summary>The re-evaluation the latest change started, started again on activation in case a crash came first.</summary>
    [Id(2)] public ReevaluationStart? LastReevaluation { get; set; }
}
