namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// Allocates a product line's supply to its approved demand, week by week, under the strategy and caps of SPEC §4.
/// Pure and deterministic: the same problem gives the same outcome whatever order its lines come in.
/// </summary>
/// <remarks>
/// Each week's supply is what the previous week of the run left unallocated plus what the week releases. Tiers are
/// served in ascending order, each from what the tiers before it left. Inside a tier: FairShare is weighted max-min
/// fair by customer weight; ProRata the same with each customer's eligible demand as its weight (so shares are
/// proportional to demand, and what a capped customer cannot take is redistributed proportionally); PastSales the
/// same with past purchases as the weight, and customers without purchases (weight 0, who would never rise) share
/// by their FairShare weight what the customers with a history leave; Fifo serves orders strictly by tier,
/// requested week, submission time and order id. A customer's lots go to its orders in its queue order.
/// Country quotas are shared caps over the run like licences; a destination ratio is checked on the week's lots placed
/// so far, so a tier never gets room from the reference lots of tiers served after it.
/// </remarks>
public static class AllocationEngine
{
    /// <summary>
    /// Books this large use a second thread: to look for duplicate order ids while the book is read, and to write the
    /// outcome while the weeks are served. Below it, starting one costs more than it saves.
    /// </summary>
    internal const int SideBySideFrom = 32_768;

    /// <exception cref="ArgumentException">The problem is malformed: a quantity that is not whole lots, a duplicate order, a non-positive weight.</exception>
    /// <exception cref="NotSupportedException">An allocation strategy the engine does not know.</exception>
    /// <exception cref="DomainValidationException">A country quota or destination ratio that breaks the rules of caps.</exception>
    public static AllocationOutcome Allocate(AllocationProblem problem) =>
        Allocate(problem, sideBySide: problem?.Demand?.Count >= SideBySideFrom);

    /// <param name="problem">What to allocate.</param>
    /// <param name="sideBySide">Whether to use a second thread (the outcome is the same either way; tests compare them).</param>
    internal static AllocationOutcome Allocate(AllocationProblem problem, bool sideBySide)
    {
        ArgumentNullException.ThrowIfNull(problem);
        RequireSupported(problem);
        var book = AllocationBook.From(problem, sideBySide);
        var lotSize = book.LotSize;
        var ledger = new WeekLedger(book);
        var share = problem.Strategy == AllocationStrategy.Fifo ? null : new WeightedShare(book.CountryCaps);
        var fifo = share is null ? new FirstInFirstOut(book.CountryCaps.RatioCount) : null;
        var group = new int[book.CustomerCount];
        var keys = new int[book.CustomerCount];
        var weights = new double[book.CustomerCount];

        using var outcome = new OutcomeWriter(book, problem.ToWeek.WeeksSince(problem.FromWeek) + 1, sideBySide);
        long carried = 0;
        for (var week = problem.FromWeek; week <= problem.ToWeek; week = week.AddWeeks(1))
        {
            var supply = checked(carried + problem.ReleasedSupply.GetValueOrDefault(week));
            var lots = supply / lotSize;
            ledger.Begin(week, lots, ShareCapLots(problem.Caps.MaxCustomerShare, supply, lotSize));
            if (fifo is not null) fifo.Serve(ledger);
            else ServeByTier(ledger, share!, problem.Strategy, group, keys, weights);

            var allocated = (lots - ledger.Pool) * lotSize;
            outcome.Add(week, supply, allocated, ledger);
            carried = supply - allocated;
        }
        var result = outcome.Finish();
        return result;
    }

    private static void RequireSupported(AllocationProblem problem)
    {
        if (!Enum.IsDefined(problem.Strategy))
            throw new NotSupportedException($"Allocation strategy {problem.Strategy} is not supported.");
        ArgumentNullException.ThrowIfNull(problem.Caps, nameof(problem.Caps));
        if (problem.Caps.MaxCustomerShare < 0)
            throw new ArgumentException($"MaxCustomerShare must not be negative ({problem.Caps.MaxCustomerShare}).", nameof(problem));
    }

    /// <summary>floor(share × week supply / lot): the most lots one customer may get in the week.</summary>
    private static long ShareCapLots(decimal? maxCustomerShare, long supply, int lotSize)
    {
        if (maxCustomerShare is not { } share) return long.MaxValue;
        var lots = Math.Floor(share * supply / lotSize);
        return lots >= long.MaxValue ? long.MaxValue : (long)lots;
    }

    private static void ServeByTier(WeekLedger ledger, WeightedShare share, AllocationStrategy strategy, int[] group, int[] keys, double[] weights)
    {
        var book = ledger.Book;
        var customers = ledger.Customers;
        for (var start = 0; start < customers.Count;)
        {
            // Customers are in canonical order, so a tier is a run; inside it, ties break by each customer's first
            // eligible order (requested week, submission time, order id).
            var tier = book.CustomerTier[customers[start]];
            var count = 0;
            for (; start + count < customers.Count && book.CustomerTier[customers[start + count]] == tier; count++)
            {
                group[count] = customers[start + count];
                keys[count] = ledger.QueueKeyOf(group[count]);
            }
            start += count;
            if (ledger.Pool <= 0)
            {
                ledger.CloseStage(group.AsSpan(0, count));
                continue;
            }
            Array.Sort(keys, group, 0, count);

            if (strategy != AllocationStrategy.PastSales)
            {
                for (var i = 0; i < count; i++)
                {
                    weights[i] = strategy == AllocationStrategy.ProRata ? ledger.DemandOf(group[i]) : book.CustomerWeight[group[i]];
                }
                share.Serve(ledger, group.AsSpan(0, count), weights.AsSpan(0, count));
                ledger.CloseStage(group.AsSpan(0, count));
                continue;
            }

            // Turn-and-earn: customers with a purchase history share by it; newcomers share what they leave, by weight.
            var established = 0;
            for (var i = 0; i < count; i++)
            {
                if (book.CustomerPastPurchases[group[i]] > 0) keys[established++] = group[i];
            }
            var newcomers = established;
            for (var i = 0; i < count; i++)
            {
                if (book.CustomerPastPurchases[group[i]] <= 0) keys[newcomers++] = group[i];
            }
            for (var i = 0; i < count; i++)
            {
                weights[i] = i < established ? book.CustomerPastPurchases[keys[i]] : book.CustomerWeight[keys[i]];
            }
            // Newcomers only get what the established leave, so the established are a stage of their own.
            share.Serve(ledger, keys.AsSpan(0, established), weights.AsSpan(0, established));
            ledger.CloseStage(keys.AsSpan(0, established));
            share.Serve(ledger, keys.AsSpan(established, count - established), weights.AsSpan(established, count - established));
            ledger.CloseStage(keys.AsSpan(established, count - established));
        }
    }
}
