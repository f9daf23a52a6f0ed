using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Contracts.Orders;

/// <summary>What committed runs confirmed for one order, as the allocation book records it.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.OrderConfirmations")]
public sealed record OrderConfirmations(
    [property: Id(0)] int Allocated,
    [property: Id(1)] IReadOnlyList<Confirmation> Confirmations)
{
    public static readonly OrderConfirmations None = new(0, []);
}
