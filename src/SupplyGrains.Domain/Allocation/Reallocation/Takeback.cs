using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// Units a re-allocation takes back from one confirmation (identified by order, week, run and licence), the week whose
/// balance it was taken for, and why in the planner's words.
/// </summary>
/// <remarks>
/// <c>ForWeek</c>: the over-committed week, or the Win order's week, the units were taken for (for a Lose give-back,
/// the first over-committed week, which made the run a re-allocation). <c>ForOrderId</c>: the Win order the units make
/// room for, when the cause is <see cref="TakebackCause.ForWin"/>.
/// </remarks>
[GenerateSerializer, Immutable, Alias("SupplyGrains.Takeback")]
public sealed record Takeback(
    string OrderId,
    string CustomerId,
    ConfirmationClass Class,
    IsoWeek Week,
    int Quantity,
    string RunId,
    string? LicenseId,
    TakebackCause Cause,
    IsoWeek ForWeek,
    string? ForOrderId,
    string Reason);
