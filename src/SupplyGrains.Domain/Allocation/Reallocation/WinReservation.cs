namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// Units a re-allocation sets aside for a Win order's unconfirmed demand in its first week in the run, to be confirmed
/// to it: supply that was free plus what was taken back from weaker classes for it.
/// </summary>
/// <remarks>
/// <c>Wanted</c>: the order's unconfirmed demand. <c>Reserved</c>: units to confirm to it in <c>Week</c> (whole lots, at
/// most <c>Wanted</c>). <c>Freed</c>: units taken back from weaker classes to make room for it. <c>Shortfall</c>: why it
/// got less than it wanted, or null when it got everything.
/// </remarks>
[GenerateSerializer, Immutable, Alias("SupplyGrains.WinReservation")]
public sealed record WinReservation(
    string OrderId,
    string CustomerId,
    IsoWeek Week,
    int Wanted,
    int Reserved,
    int Freed,
    string? LicenseId,
    string? Shortfall);
