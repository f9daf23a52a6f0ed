using System.Numerics;

namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// The demand of one run, validated and indexed in its canonical order (tier, customer, requested week, submission
/// time, order id), plus the state the run carries from week to week: the lots each order still wants and the lots
/// each licence and each country quota still covers. Everything after this point works on integer indexes, so the
/// outcome depends only on what the lines say, never on the order they arrived in.
/// </summary>
internal sealed class AllocationBook
{
    private AllocationBook(int lotSize, int orderCount, int customerCount, CountryCaps countryCaps)
    {
        LotSize = lotSize;
        CountryCaps = countryCaps;
        OrderIds = new string[orderCount];
        OrderCustomer = new int[orderCount];
        OrderLicence = new int[orderCount];
        OrderCountry = new int[orderCount];
        OrderQueueRank = new int[orderCount];
        OrderWeek = new int[orderCount];
        DemandLots = new int[orderCount];
        RemainingLots = new int[orderCount];
        FifoOrder = new int[orderCount];
        CustomerIds = new string[customerCount];
        CustomerTier = new int[customerCount];
        CustomerWeight = new double[customerCount];
        CustomerPastPurchases = new double[customerCount];
        CustomerFirstOrder = new int[customerCount];
        CustomerEndOrder = new int[customerCount];
        CapRoomLots = new int[countryCaps.SharedCapCount];
    }

    public int LotSize { get; }

    /// <summary>Orders in canonical order; every other per-order array is indexed like this one.</summary>
    public string[] OrderIds { get; }

    public int OrderCount => OrderIds.Length;

    public int[] OrderCustomer { get; }

    /// <summary>Index of the order's licence, or -1 when no licence caps it.</summary>
    public int[] OrderLicence { get; }

    /// <summary>Index of the order's destination in <see cref="CountryCaps"/>, or -1 when no country cap names it.</summary>
    public int[] OrderCountry { get; }

    /// <summary>Rank by (requested week, submission time, order id): a customer's queue and every tie-break.</summary>
    public int[] OrderQueueRank { get; }

    /// <summary>Ordinal of the order's requested week (kept apart from the lines, which are scattered in memory).</summary>
    public int[] OrderWeek { get; }

    /// <summary>Lots each order wanted when the run began.</summary>
    public int[] DemandLots { get; }

    /// <summary>Lots each order still wants; the run consumes them week by week.</summary>
    public int[] RemainingLots { get; }

    /// <summary>Orders by (tier, requested week, submission time, order id): the FIFO queue.</summary>
    public int[] FifoOrder { get; }

    /// <summary>Customers in canonical order (tier, customer id); their orders are contiguous in <see cref="OrderIds"/>.</summary>
    public string[] CustomerIds { get; }

    public int[] CustomerTier { get; }

    public double[] CustomerWeight { get; }

    public double[] CustomerPastPurchases { get; }

    public int[] CustomerFirstOrder { get; }

    public int[] CustomerEndOrder { get; }

    public int CustomerCount => CustomerIds.Length;

    /// <summary>
    /// Whole lots each shared cap still covers over the run (its remaining units rounded down to the lot): the
    /// licences, then the country quotas (<see cref="CountryCaps.QuotaCap"/>).
    /// </summary>
    public int[] CapRoomLots { get; }

    public CountryCaps CountryCaps { get; }

    /// <param name="problem">The run's demand, caps and licences.</param>
    /// <param name="sideBySide">Look for duplicate order ids on a second thread while the lines are read.</param>
    public static AllocationBook From(AllocationProblem problem, bool sideBySide = false)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.LotSize < 1)
            throw new ArgumentException($"LotSize must be 1 or more, not {problem.LotSize}.", nameof(problem));
        if (problem.ToWeek < problem.FromWeek)
            throw new ArgumentException($"ToWeek {problem.ToWeek} is before FromWeek {problem.FromWeek}.", nameof(problem));
        ArgumentNullException.ThrowIfNull(problem.Demand, nameof(problem.Demand));
        ArgumentNullException.ThrowIfNull(problem.ReleasedSupply, nameof(problem.ReleasedSupply));
        ArgumentNullException.ThrowIfNull(problem.LicenseRemaining, nameof(problem.LicenseRemaining));
        foreach (var (week, units) in problem.ReleasedSupply)
        {
            if (units < 0) throw new ArgumentException($"ReleasedSupply[{week}] is negative ({units}).", nameof(problem));
        }

        // One pass over the lines with strings: validate, and give every customer and licence an index. Looking for a
        // duplicate order id and copying the fields that need no index is half of that work and needs nothing from the
        // other half, so a large book does it on a second thread.
        var lines = problem.Demand;
        var count = lines.Count;
        // Countries are indexed now, as this pass reads each line's destination; quotas are numbered after the licences
        // once those are counted (the same caps give the same countries).
        var countryCaps = CountryCaps.From(problem.Caps, 0);
        var customerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var licenceIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        HashSet<string>? orderIds = null;
        // The unit of fairness is the customer, so a customer has one tier, weight and purchase history. Lines copy
        // them at submission; when a profile changed between submissions, the most recent submission speaks for it.
        var profiles = new List<DemandLine>();
        var profileTicks = new List<long>();
        using var scratch = new PooledScratch();
        var lineCustomer = scratch.Rent<int>(count);
        var lineLicence = scratch.Rent<int>(count);
        var lineTicks = scratch.Rent<long>(count);
        var queueOrder = scratch.Rent<int>(count);
        var lineWeek = scratch.Rent<int>(count);
        var lineLots = scratch.Rent<int>(count);
        var lineCountry = countryCaps.Countries.Length == 0 ? null : scratch.Rent<int>(count);
        var lineIds = scratch.Rent<string>(count);
        // Kept in arrays so that later passes, which visit lines in another order, need not reach each line again.
        void CopyPlainFields(int i, DemandLine line)
        {
            lineTicks[i] = line.SubmittedAt.UtcTicks;
            queueOrder[i] = i;
            lineWeek[i] = line.RequestedWeek.Ordinal;
            lineLots[i] = line.Remaining / problem.LotSize;
            lineIds[i] = line.OrderId;
            if (lineCountry is not null) lineCountry[i] = countryCaps.IndexOf(line.Destination ?? "");
        }
        // The first line whose order id an earlier line already has, or -1; null lines are the main pass's fault.
        int CopyPlainFieldsAndFindDuplicate()
        {
            var seen = new HashSet<string>(count, StringComparer.Ordinal);
            var first = -1;
            for (var i = 0; i < count; i++)
            {
                if (lines[i] is not { } line) continue;
                if (first < 0 && line.OrderId is { } id && !seen.Add(id)) first = i;
                CopyPlainFields(i, line);
            }
            return first;
        }
        var duplicate = sideBySide ? Task.Run(CopyPlainFieldsAndFindDuplicate) : null;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            if (Fault(line, problem.LotSize) is { } fault)
            {
                // A duplicate on an earlier line is the first fault, as a line-by-line check would have reported.
                if (duplicate is not null && duplicate.Result is var d and >= 0 && d < i) ThrowDuplicate(lines[d]);
                throw new ArgumentException(fault, nameof(problem));
            }
            if (duplicate is null)
            {
                if (!(orderIds ??= new HashSet<string>(count, StringComparer.Ordinal)).Add(line.OrderId)) ThrowDuplicate(line);
                CopyPlainFields(i, line);
            }
            var ticks = line.SubmittedAt.UtcTicks;
            if (!customerIndex.TryGetValue(line.CustomerId, out var customer))
            {
                customer = profiles.Count;
                customerIndex.Add(line.CustomerId, customer);
                profiles.Add(line);
                profileTicks.Add(ticks);
            }
            else if (ticks > profileTicks[customer]
                || (ticks == profileTicks[customer] && string.CompareOrdinal(line.OrderId, profiles[customer].OrderId) > 0))
            {
                profiles[customer] = line;
                profileTicks[customer] = ticks;
            }
            lineCustomer[i] = customer;
            lineLicence[i] = -1;
            if (line.LicenseId is { } licence && !licenceIndex.TryGetValue(licence, out lineLicence[i]))
            {
                lineLicence[i] = licenceIndex.Count;
                licenceIndex.Add(licence, lineLicence[i]);
            }
        }
        if (duplicate is not null && duplicate.Result is var first and >= 0) ThrowDuplicate(lines[first]);

        // Indexes so far follow the input order; rank everything by content so the outcome cannot depend on it. The
        // queue sort, the dearest part, needs nothing the customers' and licences' ranks need: side by side with them.
        var packed = scratch.Rent<long>(count);
        var queueSorted = sideBySide ? Task.Run(() => SortByQueue(lines, lineWeek, lineTicks, queueOrder, count, packed)) : null;
        var customerOrder = new int[profiles.Count];
        for (var c = 0; c < customerOrder.Length; c++) customerOrder[c] = c;
        Array.Sort(customerOrder, (a, b) =>
        {
            var byTier = profiles[a].Tier.CompareTo(profiles[b].Tier);
            return byTier != 0 ? byTier : string.CompareOrdinal(profiles[a].CustomerId, profiles[b].CustomerId);
        });
        var customerRank = new int[profiles.Count];
        for (var rank = 0; rank < customerOrder.Length; rank++) customerRank[customerOrder[rank]] = rank;

        var licenceIds = licenceIndex.Keys.ToArray();
        Array.Sort(licenceIds, StringComparer.Ordinal);
        var licenceRank = new int[licenceIds.Length];
        for (var rank = 0; rank < licenceIds.Length; rank++) licenceRank[licenceIndex[licenceIds[rank]]] = rank;

        if (queueSorted is null) SortByQueue(lines, lineWeek, lineTicks, queueOrder, count, packed);
        else queueSorted.GetAwaiter().GetResult();
        var queueRank = scratch.Rent<int>(count);
        for (var rank = 0; rank < count; rank++) queueRank[queueOrder[rank]] = rank;

        // Canonical order (tier, customer, queue): the queue order, bucketed by customer rank (stable, so each
        // customer's lines stay in queue order), in linear time.
        var canonical = scratch.Rent<int>(count);
        var customerStart = new int[profiles.Count + 1];
        for (var i = 0; i < count; i++) customerStart[customerRank[lineCustomer[i]] + 1]++;
        for (var rank = 0; rank < profiles.Count; rank++) customerStart[rank + 1] += customerStart[rank];
        var next = (int[])customerStart.Clone();
        foreach (var i in queueOrder.AsSpan(0, count)) canonical[next[customerRank[lineCustomer[i]]]++] = i;

        countryCaps = CountryCaps.From(problem.Caps, licenceIds.Length);
        var book = new AllocationBook(problem.LotSize, count, profiles.Count, countryCaps);
        for (var rank = 0; rank < customerOrder.Length; rank++)
        {
            var profile = profiles[customerOrder[rank]];
            book.CustomerIds[rank] = profile.CustomerId;
            book.CustomerTier[rank] = profile.Tier;
            book.CustomerWeight[rank] = (double)profile.Weight;
            book.CustomerPastPurchases[rank] = profile.PastPurchases;
        }
        for (var rank = 0; rank < profiles.Count; rank++)
        {
            book.CustomerFirstOrder[rank] = customerStart[rank];
            book.CustomerEndOrder[rank] = customerStart[rank + 1];
        }
        // FIFO order (tier, queue): customers are ranked by tier first, so a tier is a run of ranks and its orders a
        // run of canonical positions; the queue order bucketed by tier, again stable and linear.
        var tierStart = new int[profiles.Count + 1];
        var tierOfRank = new int[profiles.Count];
        var tiers = 0;
        for (var rank = 0; rank < profiles.Count; rank++)
        {
            if (rank > 0 && book.CustomerTier[rank] != book.CustomerTier[rank - 1]) tiers++;
            tierOfRank[rank] = tiers;
            tierStart[tiers + 1] = customerStart[rank + 1];
        }

        // Scatter rather than gather: read the input-ordered arrays in sequence and write each line to its canonical
        // position (a missed write costs far less than a missed read, which this pass would otherwise make per field).
        // The arrays written fall in two halves that share nothing, so a large book writes them side by side.
        var position = scratch.Rent<int>(count);
        for (var o = 0; o < count; o++) position[canonical[o]] = o;
        void ScatterWhoAndWhere()
        {
            for (var i = 0; i < count; i++)
            {
                var o = position[i];
                book.OrderIds[o] = lineIds[i];
                book.OrderCustomer[o] = customerRank[lineCustomer[i]];
                book.OrderLicence[o] = lineLicence[i] < 0 ? -1 : licenceRank[lineLicence[i]];
                book.OrderCountry[o] = lineCountry is null ? -1 : lineCountry[i];
            }
        }
        void ScatterWhenAndHowMuch()
        {
            for (var i = 0; i < count; i++)
            {
                var o = position[i];
                book.OrderQueueRank[o] = queueRank[i];
                book.OrderWeek[o] = lineWeek[i];
                book.DemandLots[o] = lineLots[i];
            }
            Array.Copy(book.DemandLots, book.RemainingLots, count);
            foreach (var i in queueOrder.AsSpan(0, count)) book.FifoOrder[tierStart[tierOfRank[customerRank[lineCustomer[i]]]]++] = position[i];
        }
        if (sideBySide) Parallel.Invoke(ScatterWhoAndWhere, ScatterWhenAndHowMuch);
        else
        {
            ScatterWhoAndWhere();
            ScatterWhenAndHowMuch();
        }

        for (var rank = 0; rank < licenceIds.Length; rank++)
        {
            // A licence that is unknown or already overdrawn covers nothing more; it never lends units to the run.
            var units = problem.LicenseRemaining.TryGetValue(licenceIds[rank], out var remaining) ? Math.Max(0, remaining) : 0;
            book.CapRoomLots[rank] = units / problem.LotSize;
        }
        for (var c = 0; c < countryCaps.Countries.Length; c++)
        {
            if (countryCaps.QuotaCap[c] >= 0) book.CapRoomLots[countryCaps.QuotaCap[c]] = countryCaps.QuotaUnits[c] / problem.LotSize;
        }
        return book;
    }

    /// <summary>
    /// Sorts the lines by queue (requested week, submission time, order id). Weeks and times span little in a real book,
    /// so both usually fit one packed integer, which sorts several times faster than the keys; ids only settle exact ties.
    /// </summary>
    /// <param name="lines">The lines, which settle exact ties by order id.</param>
    /// <param name="weeks">Each line's requested week.</param>
    /// <param name="ticks">Each line's submission time.</param>
    /// <param name="queue">The line indexes 0 … count − 1, sorted in place.</param>
    /// <param name="count">How many lines (the arrays may be longer).</param>
    /// <param name="packed">Room for the packed keys.</param>
    private static void SortByQueue(IReadOnlyList<DemandLine> lines, int[] weeks, long[] ticks, int[] queue, int count, long[] packed)
    {
        var order = queue.AsSpan(0, count);
        if (order.Length == 0) return;
        int minWeek = int.MaxValue, maxWeek = int.MinValue;
        long minTicks = long.MaxValue, maxTicks = long.MinValue;
        for (var i = 0; i < order.Length; i++)
        {
            minWeek = Math.Min(minWeek, weeks[i]);
            maxWeek = Math.Max(maxWeek, weeks[i]);
            minTicks = Math.Min(minTicks, ticks[i]);
            maxTicks = Math.Max(maxTicks, ticks[i]);
        }
        var tickBits = 64 - BitOperations.LeadingZeroCount((ulong)(maxTicks - minTicks));
        var weekBits = 64 - BitOperations.LeadingZeroCount((ulong)((long)maxWeek - minWeek));
        if (tickBits + weekBits > 63)
        {
            var keys = new QueueKey[order.Length];
            for (var i = 0; i < keys.Length; i++) keys[i] = new QueueKey(weeks[i], ticks[i], lines[i].OrderId);
            keys.AsSpan().Sort(order);
            return;
        }
        var byQueue = packed.AsSpan(0, count);
        for (var i = 0; i < byQueue.Length; i++) byQueue[i] = ((long)(weeks[i] - minWeek) << tickBits) | (ticks[i] - minTicks);
        byQueue.Sort(order);
        Comparison<int>? byOrderId = null;
        for (var start = 0; start < byQueue.Length;)
        {
            var end = start + 1;
            while (end < byQueue.Length && byQueue[end] == byQueue[start]) end++;
            if (end - start > 1)
            {
                byOrderId ??= (a, b) => string.CompareOrdinal(lines[a].OrderId, lines[b].OrderId);
                order.Slice(start, end - start).Sort(byOrderId);
            }
            start = end;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowDuplicate(DemandLine line) =>
        throw new ArgumentException($"Order '{line.OrderId}' appears more than once in the demand.", "problem");

    /// <summary>Why a line cannot be allocated, or null when it can.</summary>
    private static string? Fault(DemandLine? line, int lotSize)
    {
        if (line is null) return "The demand contains a null line.";
        if (string.IsNullOrEmpty(line.OrderId)) return "A demand line has no OrderId.";
        if (string.IsNullOrEmpty(line.CustomerId)) return $"Order '{line.OrderId}' has no CustomerId.";
        if (line.Remaining < 0 || line.Remaining % lotSize != 0)
            return $"Order '{line.OrderId}' has Remaining {line.Remaining}, which is not a whole number of lots of {lotSize}.";
        if (line.Weight <= 0) return $"Order '{line.OrderId}' has Weight {line.Weight}; a customer's weight must be positive.";
        if (line.PastPurchases < 0) return $"Order '{line.OrderId}' has negative PastPurchases {line.PastPurchases}.";
        return null;
    }
}
