namespace SupplyGrains.Domain.Allocation;

/// <summary>What stops part of the rise in <see cref="ProgressiveFilling"/>. Customer limits sort first at equal levels, so an order
/// that fills its licence exactly completes by demand rather than by the licence.</summary>
internal enum FillingEventKind
{
    /// <summary>A customer's current run of orders is filled, or the customer reaches its share cap.</summary>
    CustomerLimit,

    /// <summary>A shared cap (a licence) is used up by the customers drawing on it.</summary>
    SharedCapExhausted,
}
