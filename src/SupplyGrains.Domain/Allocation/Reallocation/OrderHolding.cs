using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// An order as a re-allocation sees it: who holds it (customer, tier, weight), how strongly its confirmations are
/// protected, the confirmations it holds, and what it still wants from which week (only a Win order's counts).
/// </summary>
/// <remarks>
/// <c>Unconfirmed</c>: units the order still wants and may get in this run (0 unless it is approved), whole lots.
/// <c>LicenseId</c>: the licence new units of the order are drawn on (null when it needs none).
/// </remarks>
public sealed record OrderHolding(
    string OrderId,
    string CustomerId,
    int Tier,
    decimal Weight,
    ConfirmationClass ConfirmationClass,
    IReadOnlyList<Confirmation> Confirmations,
    IsoWeek RequestedWeek,
    int Unconfirmed = 0,
    string? LicenseId = null);
