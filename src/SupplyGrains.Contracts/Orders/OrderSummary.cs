using SupplyGrains.Domain;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Contracts.Orders;

/// <summary>An order as listings show it (from the allocation book, without gate details).</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.OrderSummary")]
public sealed record OrderSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string ProductLine,
    [property: Id(3)] int Quantity,
    [property: Id(4)] IsoWeek RequestedWeek,
    [property: Id(5)] OrderStatus Status,
    [property: Id(6)] IReadOnlyList<string> Reasons,
    [property: Id(7)] int Allocated,
    [property: Id(8)] int Remaining,
    [property: Id(9)] DateTimeOffset SubmittedAt);
