using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Contracts.Compliance;

/// <summary>How far a re-evaluation has come, and how many orders ended in each status.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ReevaluationProgress")]
public sealed record ReevaluationProgress(
    [property: Id(0)] string Id,
    [property: Id(1)] string Trigger,
    [property: Id(2)] int Total,
    [property: Id(3)] int Done,
    [property: Id(4)] bool Completed,
    [property: Id(5)] IReadOnlyDictionary<OrderStatus, int> StatusCounts,
    [property: Id(6)] int Failed);
