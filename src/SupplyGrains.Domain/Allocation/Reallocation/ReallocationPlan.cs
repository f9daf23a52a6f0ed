using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// What a re-allocation does before the run allocates: the confirmations it takes back and why, the units it sets
/// aside for Win orders, the ledger per week after both, and the orders the run must not give new units to.
/// </summary>
/// <remarks>
/// <c>IsReallocation</c>: some week up to the run's last was over-committed. <c>ExcludedFromAllocation</c>: ids (ordinal
/// order) of the orders that get nothing new in this run: Fill and Lose orders of a re-allocation.
/// </remarks>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ReallocationPlan")]
public sealed record ReallocationPlan(
    bool IsReallocation,
    IReadOnlyList<Takeback> Takebacks,
    IReadOnlyList<WinReservation> Reservations,
    IReadOnlyList<PlannedWeek> Weeks,
    IReadOnlyList<string> ExcludedFromAllocation)
{
    /// <summary>Fill gains nothing, and neither does Lose in a re-allocation (SPEC §4).</summary>
    public bool ExcludesFromAllocation(ConfirmationClass confirmationClass) =>
        IsReallocation && confirmationClass is ConfirmationClass.Fill or ConfirmationClass.Lose;

    public int TakenBackFrom(string orderId) => Takebacks.Where(t => t.OrderId == orderId).Sum(t => t.Quantity);

    public int ReservedFor(string orderId) => Reservations.Where(r => r.OrderId == orderId).Sum(r => r.Reserved);
}
