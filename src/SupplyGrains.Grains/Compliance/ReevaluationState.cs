using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Compliance;

/// <summary>A re-evaluation's stored state: its scope, the orders it found, and how far it got.</summary>
[GenerateSerializer, Alias("SupplyGrains.ReevaluationState")]
public sealed class ReevaluationState
{
    [Id(0)] public ReevaluationScope? Scope { get; set; }
    [Id(1)] public List<string>? OrderIds { get; set; }
    [Id(2)] public int Done { get; set; }
    [Id(3)] public int Failed { get; set; }
    [Id(4)] public Dictionary<OrderStatus, int> StatusCounts { get; set; } = [];
    [Id(5)] public bool Completed { get; set; }
}
