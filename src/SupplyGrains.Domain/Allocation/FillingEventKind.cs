namespace SupplyGrains.Domain.Allocation;

/// <summary>What stops or changes part of the rise in <see cref="ProgressiveFilling"/>. Customer limits sort first at equal levels,
/// so an order that fills its licence exactly completes by demand rather than by the licence.</summary>
internal enum FillingEventKind
{
    /// <summary>A customer's current run of orders is filled, or the customer reaches its share cap.</summary>
    CustomerLimit,

    /// <summary>The rise reaches the edge of a shared cap's room (a licence or a country quota): it may be used up.</summary>
    SharedCapExhausted,

    /// <summary>A destination ratio held in lockstep reaches its next change: a member's limit or arrival, or the main level.</summary>
    RatioLockstep,

    /// <summary>A destination ratio's slack reaches zero: its destination customers go on only in lockstep with the reference.</summary>
    RatioBinds,

    /// <summary>On a ratio's own scale: the lockstep level reaches a customer that waits above it, which then rises with the others.</summary>
    JoinsLockstep,

    /// <summary>On a ratio's own scale: the lockstep level reaches the edge of a shared cap's room that its members draw on.</summary>
    SharedCapInLockstep,
}
