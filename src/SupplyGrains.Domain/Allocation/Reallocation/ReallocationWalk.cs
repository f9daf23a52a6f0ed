using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// Works out a re-allocation plan on a book that has an over-committed week: Lose gives back its confirmations in the
/// run's weeks, then the weeks up to the run's last are walked in order; an over-committed week takes confirmations
/// back until it balances, and a Win order's unconfirmed demand takes room from weaker classes in its first week.
/// </summary>
/// <remarks>
/// The balance of week w is produced − committed − reserved, summed over the weeks up to w. A takeback or a
/// reservation in week v moves the balance of every week from v on, so a week's deficit can only be mended by
/// confirmations in that week or before it, and mending it never unbalances a week already walked.
/// <para>
/// Win reservations are requirements of their week like confirmations, protected like Win but yielding before any
/// real Win confirmation: when a later week is short and nothing weaker than Win is left up to it, the latest
/// reservations shrink first. They never push a week after the run below zero (or further below, if it already
/// was): that week is not this run's to mend, and its commitments count on the supply before it.
/// </para>
/// </remarks>
internal sealed class ReallocationWalk
{
    private static readonly ConfirmationClass[] WeakerThanWin =
        [ConfirmationClass.Lose, ConfirmationClass.Fill, ConfirmationClass.Redistribute, ConfirmationClass.Gain];

    private readonly ReallocationBook _book;
    private readonly long _lot;
    private readonly long[] _left;
    private readonly long[] _reserved;
    private readonly Dictionary<string, long> _licenceLeft;
    private readonly List<PlannedReservation> _reservations = [];
    private readonly TakebackLog _log = new();
    private readonly int _lastWeekInRun;
    private readonly long? _leastBalanceAfterRun;
    private long _takenBack;
    private long _reservedTotal;
    private int _step;

    public ReallocationWalk(ReallocationBook book, long[] balanceBefore)
    {
        _book = book;
        _lot = book.LotSize;
        _left = new long[book.Weeks.Length];
        foreach (var held in book.Held) _left[held.WeekIndex] += held.Quantity;
        _reserved = new long[book.Weeks.Length];
        _licenceLeft = book.LicenseRemaining.ToDictionary(l => l.Key, l => (long)l.Value, StringComparer.Ordinal);
        _lastWeekInRun = LastIndexUpTo(book.Weeks, book.ToWeek);
        // Nothing the plan does moves a week after the run except through the totals taken back and reserved, so the
        // least of their balances is all a reservation needs to know about them.
        _leastBalanceAfterRun = _lastWeekInRun + 1 < balanceBefore.Length ? balanceBefore[(_lastWeekInRun + 1)..].Min() : null;
    }

    public IReadOnlyList<Takeback> Takebacks => _log.ToTakebacks(_book);

    public IReadOnlyList<PlannedReservation> Reservations => _reservations;

    public long TakenBackIn(int weekIndex) =>
        _book.Held.Where(h => h.WeekIndex == weekIndex).Sum(h => h.Quantity - h.Left);

    public long ReservedIn(int weekIndex) => _reserved[weekIndex];

    public void Run(int firstOverCommitted)
    {
        GiveBackLose(Shortage(firstOverCommitted));
        for (var w = 0; w <= _lastWeekInRun; w++)
        {
            _step++;
            var balance = Balance(w);
            if (balance < 0) Mend(w, CeilLots(-balance));
            foreach (var order in _book.WinOrders.Where(o => _book.FirstWeekInRun(_book.Orders[o]) == _book.Weeks[w]))
            {
                _step++;
                Reserve(order, w);
            }
        }
    }

    /// <summary>In a re-allocation every Lose confirmation in the run's weeks goes back, whether the deficit needs it or not.</summary>
    private void GiveBackLose(OverCommitment trigger)
    {
        _step++;
        foreach (var held in _book.Held.Where(h => h.Class == ConfirmationClass.Lose && h.Week >= _book.FromWeek && h.Week <= _book.ToWeek))
        {
            Take(held, held.Left, TakebackCause.LoseGivesBack, trigger.Week, -1, () => TakebackReason.LoseGivesBack(trigger));
        }
    }

    /// <summary>Takes <paramref name="need"/> units (whole lots) back for week <paramref name="w"/>, weakest class first, Win last.</summary>
    private void Mend(int w, long need)
    {
        var shortage = Shortage(w);
        var week = _book.Weeks[w];
        foreach (var confirmationClass in WeakerThanWin)
        {
            need -= TakeFrom(confirmationClass, w, need, TakebackCause.OverCommitted, week, -1,
                customer => TakebackReason.OverCommitted(shortage, confirmationClass, customer));
        }
        need -= ShrinkReservations(w, need, shortage);
        need -= TakeFrom(ConfirmationClass.Win, w, need, TakebackCause.OverCommitted, week, -1,
            customer => TakebackReason.OverCommitted(shortage, ConfirmationClass.Win, customer));
        // What is committed up to w is whole lots and more than what was produced, so rounding up never overshoots it.
        if (need > 0) throw new InvalidOperationException($"Week {week} could not be balanced: {need} units short after taking everything back.");
    }

    /// <summary>
    /// Makes room for a Win order's unconfirmed demand in week <paramref name="w"/>: the week's free balance first, then
    /// units taken from weaker classes up to that week, never more than the weeks after the run leave free.
    /// </summary>
    private void Reserve(int order, int w)
    {
        var holding = _book.Orders[order];
        var week = _book.Weeks[w];
        var reservation = new PlannedReservation(order, w, holding.Unconfirmed);
        _reservations.Add(reservation);

        var wanted = (long)holding.Unconfirmed;
        if (holding.LicenseId is { } licence)
        {
            var covered = FloorLots(Math.Max(0, _licenceLeft.GetValueOrDefault(licence)));
            if (covered < wanted) reservation.Shortfall.Add($"licence {licence} covers only {covered} more units");
            wanted = Math.Min(wanted, covered);
        }

        var room = Balance(w);
        var afterRun = _leastBalanceAfterRun is { } least ? least + _takenBack - _reservedTotal : long.MaxValue;
        var boundByLaterWeeks = afterRun < room;
        room = Math.Min(room, afterRun);
        var weaker = _book.Held.Where(h => h.WeekIndex <= w && h.Class != ConfirmationClass.Win).Sum(h => h.Left);
        var reserved = Math.Min(wanted, FloorLots(Math.Max(0, room + weaker)));
        if (reserved < wanted)
        {
            reservation.Shortfall.Add(boundByLaterWeeks
                ? $"weeks after {_book.ToWeek} already count on the rest of the supply"
                : $"supply to date and what weaker classes hold up to week {week} cover only {reserved}");
        }
        if (reserved <= 0) return;

        var freeing = reserved > room ? CeilLots(reserved - room) : 0;
        foreach (var confirmationClass in WeakerThanWin)
        {
            freeing -= TakeFrom(confirmationClass, w, freeing, TakebackCause.ForWin, week, order,
                customer => TakebackReason.ForWin(holding.OrderId, week, confirmationClass, customer), reservation);
        }
        if (freeing > 0) throw new InvalidOperationException($"Win order {holding.OrderId}: {freeing} units could not be freed in week {week}.");

        reservation.Reserved = reserved;
        _reserved[w] += reserved;
        _reservedTotal += reserved;
        if (holding.LicenseId is { } drawn) _licenceLeft[drawn] = _licenceLeft.GetValueOrDefault(drawn) - reserved;
    }

    /// <summary>Gives back reserved units of weeks up to <paramref name="w"/>, latest reservation first, before any Win confirmation.</summary>
    private long ShrinkReservations(int w, long need, OverCommitment shortage)
    {
        long given = 0;
        for (var i = _reservations.Count - 1; i >= 0 && given < need; i--)
        {
            var reservation = _reservations[i];
            if (reservation.WeekIndex > w || reservation.Reserved == 0) continue;
            var units = Math.Min(reservation.Reserved, need - given);
            reservation.Reserved -= units;
            reservation.Shortfall.Add($"{units} units given up for {shortage}, with nothing weaker than Win left");
            _reserved[reservation.WeekIndex] -= units;
            _reservedTotal -= units;
            if (_book.Orders[reservation.Order].LicenseId is { } licence) _licenceLeft[licence] += units;
            given += units;
        }
        return given;
    }

    /// <summary>Takes up to <paramref name="need"/> units of one class from weeks up to <paramref name="w"/>.</summary>
    private long TakeFrom(
        ConfirmationClass confirmationClass, int w, long need, TakebackCause cause, IsoWeek forWeek, int forOrder,
        Func<string, string> reason, PlannedReservation? freeingFor = null)
    {
        if (need <= 0) return 0;
        var candidates = _book.Held.Where(h => h.Class == confirmationClass && h.WeekIndex <= w && h.Left > 0);
        var taken = confirmationClass == ConfirmationClass.Redistribute
            ? TakeByFairShare(candidates, need, cause, forWeek, forOrder, reason)
            : TakeLatestFirst(candidates, need, cause, forWeek, forOrder, reason);
        if (freeingFor is not null) freeingFor.Freed += taken;
        return taken;
    }

    private long TakeLatestFirst(
        IEnumerable<HeldConfirmation> candidates, long need, TakebackCause cause, IsoWeek forWeek, int forOrder, Func<string, string> reason)
    {
        long taken = 0;
        foreach (var held in candidates)
        {
            if (taken >= need) break;
            var customer = _book.Orders[held.Order].CustomerId;
            taken += Take(held, Math.Min(held.Left, need - taken), cause, forWeek, forOrder, () => reason(customer));
        }
        return taken;
    }

    /// <summary>
    /// One lot at a time from the customer holding the most per unit of weight (its Redistribute confirmations in the
    /// weeks considered), so that what stays is weighted max-min fair to within a lot. Ties: the lower priority tier
    /// gives first, then the larger holder, then the customer id. Inside a customer, its latest confirmation gives first.
    /// </summary>
    private long TakeByFairShare(
        IEnumerable<HeldConfirmation> candidates, long need, TakebackCause cause, IsoWeek forWeek, int forOrder, Func<string, string> reason)
    {
        var byCustomer = candidates.GroupBy(h => _book.OrderCustomer[h.Order]).ToDictionary(g => g.Key, g => new Queue<HeldConfirmation>(g));
        var holding = byCustomer.ToDictionary(c => c.Key, c => c.Value.Sum(h => h.Left));
        var weight = _book.CustomerWeight;
        var tier = _book.CustomerTier;
        var next = new SortedSet<int>(Comparer<int>.Create((a, b) =>
        {
            // holding / weight, compared without dividing: largest first.
            var level = (holding[b] * weight[a]).CompareTo(holding[a] * weight[b]);
            if (level != 0) return level;
            if (tier[a] != tier[b]) return tier[b].CompareTo(tier[a]);
            if (holding[a] != holding[b]) return holding[b].CompareTo(holding[a]);
            return a.CompareTo(b);
        }));
        foreach (var customer in byCustomer.Keys) next.Add(customer);

        long taken = 0;
        while (taken < need && next.Count > 0)
        {
            var customer = next.Min;
            next.Remove(customer);
            var queue = byCustomer[customer];
            while (queue.Peek().Left == 0) queue.Dequeue();
            var held = queue.Peek();
            var customerId = _book.CustomerIds[customer];
            taken += Take(held, _lot, cause, forWeek, forOrder, () => reason(customerId));
            holding[customer] -= _lot;
            if (holding[customer] > 0) next.Add(customer);
        }
        return taken;
    }

    private long Take(HeldConfirmation held, long units, TakebackCause cause, IsoWeek forWeek, int forOrder, Func<string> reason)
    {
        if (units <= 0) return 0;
        held.Left -= units;
        _left[held.WeekIndex] -= units;
        _takenBack += units;
        if (held.LicenseId is { } licence) _licenceLeft[licence] = _licenceLeft.GetValueOrDefault(licence) + units;
        _log.Add(_step, held, units, cause, forWeek, forOrder, reason);
        return units;
    }

    private long Balance(int w)
    {
        long balance = 0;
        for (var v = 0; v <= w; v++) balance += _book.Produced[v] - _left[v] - _reserved[v];
        return balance;
    }

    private OverCommitment Shortage(int w)
    {
        long supply = 0, committed = 0, reserved = 0;
        for (var v = 0; v <= w; v++)
        {
            supply += _book.Produced[v];
            committed += _left[v] + _reserved[v];
            reserved += _reserved[v];
        }
        return new OverCommitment(_book.Weeks[w], supply, committed, reserved);
    }

    private long CeilLots(long units) => (units + _lot - 1) / _lot * _lot;

    private long FloorLots(long units) => units / _lot * _lot;

    private static int LastIndexUpTo(IsoWeek[] weeks, IsoWeek week)
    {
        var index = Array.BinarySearch(weeks, week);
        return index >= 0 ? index : ~index - 1;
    }
}
