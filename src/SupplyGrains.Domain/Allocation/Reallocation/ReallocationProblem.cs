namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// Everything a re-allocation plan needs: the run's weeks, the lot size, the product line's production per week, the
/// orders that hold confirmations (or, for Win, still want units), and what is left on the licences Win orders draw on.
/// What is committed in a week is the sum of the confirmations in it, so every order holding confirmations on the
/// product line must be in <see cref="Orders"/>.
/// </summary>
/// <remarks><c>LicenseRemaining</c>: quantity left per licence; a licence missing there covers nothing (as in the allocation engine).</remarks>
public sealed record ReallocationProblem(
    IsoWeek FromWeek,
    IsoWeek ToWeek,
    int LotSize,
    IReadOnlyDictionary<IsoWeek, int> Produced,
    IReadOnlyList<OrderHolding> Orders,
    IReadOnlyDictionary<string, int> LicenseRemaining);
