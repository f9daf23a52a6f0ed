using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Grains.Compliance;

/// <summary>Every published policy version, by version number, and the re-evaluation each version's coming into force started.</summary>
[GenerateSerializer, Alias("SupplyGrains.PolicyState")]
public sealed class PolicyState
{
    [Id(0)] public SortedDictionary<int, VersionedPolicy> Versions { get; set; } = [];
    [Id(1)] public Dictionary<int, ReevaluationStart> Impacts { get; set; } = [];
    /// <summary>The version whose re-evaluation was started last: when <c>Current</c> differs, one is due.</summary>
    [Id(2)] public int InForce { get; set; }
}
