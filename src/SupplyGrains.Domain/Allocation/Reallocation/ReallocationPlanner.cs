using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// Plans what a run takes back when supply drops below what was committed (SPEC §4, after SAP's backorder processing):
/// which confirmations give units back and why, what Win orders get set aside, and who gains nothing in the run.
/// Pure and deterministic: the same problem gives the same plan whatever order its orders and confirmations come in.
/// </summary>
/// <remarks>
/// The balance of week w is Σ (produced − committed) over the weeks up to w; a week is over-committed when it is
/// negative. A run is a re-allocation when some week up to its last is. Then every Lose confirmation in the run's
/// weeks gives everything back, and the weeks up to the run's last are walked in order: an over-committed week takes
/// confirmations of that week or earlier back, whole lots, latest week first, weakest class first (Lose, Fill,
/// Redistribute by weighted fair share between customers, Gain, Win last) until it balances; and each Win order's
/// unconfirmed demand is required in its first week in the run, so room for it is taken from weaker classes the same
/// way (never from another Win) and reserved for it. When nothing is over-committed the plan changes nothing.
/// </remarks>
public static class ReallocationPlanner
{
    /// <exception cref="DomainValidationException">The problem breaks a rule: negative or part-lot quantities, an unknown class, a duplicate order, ...</exception>
    public static ReallocationPlan Plan(ReallocationProblem problem)
    {
        var book = ReallocationBook.From(problem);
        var weeks = book.Weeks;
        var before = new long[weeks.Length];
        var committed = new long[weeks.Length];
        foreach (var held in book.Held) committed[held.WeekIndex] += held.Quantity;
        long balance = 0;
        for (var w = 0; w < weeks.Length; w++) before[w] = balance += book.Produced[w] - committed[w];

        var firstOverCommitted = Array.FindIndex(before, 0, b => b < 0);
        if (firstOverCommitted < 0 || weeks[firstOverCommitted] > book.ToWeek)
        {
            // A Win order's first week is only of interest when the plan reserves for it.
            return new ReallocationPlan(false, [], [],
                [.. weeks.Select((week, w) => Week(book, w, committed[w], 0, 0, before[w], before[w])).Where((_, w) => book.InLedger[w])], []);
        }

        var walk = new ReallocationWalk(book, before);
        walk.Run(firstOverCommitted);

        var after = new long[weeks.Length];
        balance = 0;
        for (var w = 0; w < weeks.Length; w++) after[w] = balance += book.Produced[w] - committed[w] + walk.TakenBackIn(w) - walk.ReservedIn(w);
        var reservations = walk.Reservations
            .Select(r =>
            {
                var order = book.Orders[r.Order];
                return new WinReservation(order.OrderId, order.CustomerId, weeks[r.WeekIndex], checked((int)r.Wanted), checked((int)r.Reserved),
                    checked((int)r.Freed), order.LicenseId, r.Shortfall.Count == 0 ? null : string.Join("; ", r.Shortfall));
            })
            .ToList();
        var excluded = book.Orders
            .Where(o => o.ConfirmationClass is ConfirmationClass.Fill or ConfirmationClass.Lose)
            .Select(o => o.OrderId)
            .ToList();
        return new ReallocationPlan(true, walk.Takebacks, reservations,
            [.. weeks.Select((week, w) => Week(book, w, committed[w], walk.TakenBackIn(w), walk.ReservedIn(w), before[w], after[w]))],
            excluded);
    }

    private static PlannedWeek Week(ReallocationBook book, int w, long committed, long takenBack, long reserved, long before, long after) =>
        new(book.Weeks[w], checked((int)book.Produced[w]), checked((int)committed), checked((int)takenBack), checked((int)reserved),
            checked((int)before), checked((int)after));
}
