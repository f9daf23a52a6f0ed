using SupplyGrains.Contracts.Orders;

namespace SupplyGrains.Contracts.Compliance;

/// <summary>
/// An order's answer to a re-evaluation: how it moved, and the book entry the caller pushes to the product line's
/// allocation, in one batch with the other orders it re-decided.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.OrderReevaluation")]
public sealed record OrderReevaluation(
    [property: Id(0)] OrderImpact Impact,
    [property: Id(1)] BookEntry Entry);
