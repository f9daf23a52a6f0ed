using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Contracts.Compliance;

/// <summary>
/// A re-evaluation's progress and impact: how many open orders it has re-decided, how many ended in each status, and
/// the orders whose status or reasons changed, counted by reason (each reason code an order newly carries) and by
/// transition (<c>"Approved→Rejected"</c>). A dry run (an impact preview) reports the same without changing anything.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ReevaluationReport")]
public sealed record ReevaluationReport(
    [property: Id(0)] string Id,
    [property: Id(1)] string Trigger,
    [property: Id(2)] int Total,
    [property: Id(3)] int Done,
    [property: Id(4)] bool Completed,
    [property: Id(5)] IReadOnlyDictionary<OrderStatus, int> StatusCounts,
    [property: Id(6)] int Failed,
    [property: Id(7)] int? PolicyVersion,
    [property: Id(8)] bool DryRun,
    [property: Id(9)] int Changed,
    [property: Id(10)] IReadOnlyDictionary<string, int> ByReason,
    [property: Id(11)] IReadOnlyDictionary<string, int> ByTransition,
    [property: Id(12)] IReadOnlyList<OrderImpact> Orders);
