using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Contracts.Compliance;

/// <summary>How a trigger (or a draft policy) moves one order: its status and reason codes before and after.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.OrderImpact")]
public sealed record OrderImpact(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string ProductLine,
    [property: Id(3)] OrderStatus Before,
    [property: Id(4)] OrderStatus After,
    [property: Id(5)] IReadOnlyList<string> ReasonsBefore,
    [property: Id(6)] IReadOnlyList<string> ReasonsAfter)
{
    /// <summary>A status or a reason code moved; a change of detail text alone (a licence's units left) is not an impact.</summary>
    public bool IsChange => Before != After || !ReasonsBefore.SequenceEqual(ReasonsAfter);
}
