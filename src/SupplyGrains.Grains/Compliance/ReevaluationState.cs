using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Compliance;

/// <summary>A re-evaluation's progress as of its last checkpoint: its scope, how far it got, and the orders that changed.</summary>
[GenerateSerializer, Alias("SupplyGrains.ReevaluationState")]
public sealed class ReevaluationState
{
    [Id(0)] public ReevaluationScope? Scope { get; set; }
    [Id(2)] public int Done { get; set; }
    [Id(3)] public int Failed { get; set; }
    [Id(4)] public Dictionary<OrderStatus, int> StatusCounts { get; set; } = [];
    [Id(5)] public bool Completed { get; set; }
    [Id(6)] public List<OrderImpact> Changes { get; set; } = [];
    [Id(7)] public bool Listed { get; set; }
}

/// <summary>The open orders a re-evaluation found when it started, stored once, apart from its progress.</summary>
[GenerateSerializer, Alias("SupplyGrains.ReevaluationOrders")]
public sealed class ReevaluationOrders
{
    [Id(0)] public List<string> OrderIds { get; set; } = [];
}
