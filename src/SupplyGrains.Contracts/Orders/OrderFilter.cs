using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Contracts.Orders;

/// <summary>Which orders a listing wants; null fields match everything.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.OrderFilter")]
public sealed record OrderFilter(
    [property: Id(0)] string? CustomerId = null,
    [property: Id(1)] OrderStatus? Status = null)
{
    public bool Matches(string customerId, OrderStatus status) =>
        (CustomerId is null || CustomerId == customerId) && (Status is null || Status == status);
}
