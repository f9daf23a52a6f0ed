using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Grains.Compliance;

/// <summary>Every published policy version, by version number.</summary>
[GenerateSerializer, Alias("SupplyGrains.PolicyState")]
public sealed class PolicyState
{
    [Id(0)] public SortedDictionary<int, VersionedPolicy> Versions { get; set; } = [];
}
