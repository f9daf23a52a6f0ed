using System.Buffers;

namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// Turns the continuous fair shares of one group into whole lots: floor each share, hand the lots left over out by
/// largest remainder, then make sure nothing is left that someone could still take and that nobody stopped by the
/// supply alone trails another customer by more than the one lot of rounding on each side.
/// </summary>
/// <remarks>
/// When every licence belongs to one customer and no ratio is in play, floors plus largest remainder already meet
/// invariants 3–5 of SPEC §4 (each customer stopped only by the supply holds at least the floor of w_c × λ*, every other
/// at most the ceiling of its share), and the last two steps find nothing to do. When customers share a cap, rounding
/// can leave some of its room unused, or give its last lot to one customer while another that holds nothing is left
/// short without being stopped by a cap; those two steps put that right. A destination ratio counts whole lots of its
/// reference, which rounding can leave below the continuous answer, so destination customers are placed after the
/// others and take what their floors lack as the reference's lots open room. Every move goes through
/// <see cref="WeekLedger"/>, so no cap can break. The first two steps (<see cref="PlaceShares"/>) and the last two
/// (<see cref="Complete"/>) are separate calls because, with a ratio, <see cref="WeightedShare"/> places shares twice
/// (the whole group, then the customers without a reference order around the reference's lots) and completes once.
/// </remarks>
internal static class LotRounding
{
    private const double Tolerance = 1e-6;

    /// <summary>Floors, then largest remainder: the lots the continuous shares of <paramref name="customers"/> round to.</summary>
    public static void PlaceShares(
        WeekLedger ledger, ReadOnlySpan<int> customers, ProgressiveFilling filling, ReadOnlySpan<int> segmentFirstSlot, ReadOnlySpan<int> segmentEndSlot)
    {
        var ratios = ledger.Book.CountryCaps.RatioCount > 0;
        PlaceFloors(ledger, customers, filling, segmentFirstSlot, segmentEndSlot, destinations: false, ratios);
        if (ratios) PlaceFloors(ledger, customers, filling, segmentFirstSlot, segmentEndSlot, destinations: true, ratios);
        HandOutRemainders(ledger, customers, filling);
    }

    /// <summary>Then, over the whole group: the lots rounding left to whoever can take them, and fairness restored.</summary>
    public static void Complete(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights)
    {
        FillLeftoverLots(ledger, customers, weights);
        RestoreFairness(ledger, customers, weights);
    }

    /// <summary>Whole lots in <paramref name="lots"/>, forgiving the last bits of floating-point error (2.9999999 is 3).</summary>
    public static long FloorLots(double lots) => (long)Math.Floor(lots + 1e-9 + 1e-12 * Math.Abs(lots));

    /// <summary>
    /// Each customer gets the floor of its share, segment by segment in its queue: a settled segment up to the floor of
    /// what it holds (so a customer cannot take a shared licence's room from another one), its last segment the rest.
    /// With ratios in play, one call places the customers whose share goes partly to a ratio's destination and one the
    /// others, so that the reference's lots are down before the destination's are counted against them.
    /// </summary>
    private static void PlaceFloors(
        WeekLedger ledger, ReadOnlySpan<int> customers, ProgressiveFilling filling,
        ReadOnlySpan<int> segmentFirstSlot, ReadOnlySpan<int> segmentEndSlot, bool destinations, bool ratios)
    {
        for (var i = 0; i < customers.Length; i++)
        {
            var customer = customers[i];
            var target = FloorLots(filling.Allocation(i));
            var last = filling.EndSegment(i) - 1;
            while (last >= filling.FirstSegment(i) && filling.SegmentAmount(last) <= Tolerance) last--;
            if (ratios && ReachesDestination(ledger, filling, i, last, segmentFirstSlot) != destinations) continue;
            long placed = 0;
            for (var s = filling.FirstSegment(i); s <= last && placed < target; s++)
            {
                var want = s == last ? target - placed : Math.Min(FloorLots(filling.SegmentAmount(s)), target - placed);
                for (var slot = segmentFirstSlot[s]; slot < segmentEndSlot[s] && want > 0; slot++)
                {
                    var given = ledger.Place(customer, slot, want);
                    want -= given;
                    placed += given;
                }
            }
        }
    }

    private static bool ReachesDestination(WeekLedger ledger, ProgressiveFilling filling, int i, int last, ReadOnlySpan<int> segmentFirstSlot)
    {
        var countryCaps = ledger.Book.CountryCaps;
        for (var s = filling.FirstSegment(i); s <= last; s++)
        {
            var country = ledger.CountryAt(segmentFirstSlot[s]);
            if (country >= 0 && countryCaps.DestinationOf[country] >= 0 && filling.SegmentAmount(s) > Tolerance) return true;
        }
        return false;
    }

    /// <summary>
    /// Largest remainder: one lot at a time to the customers whose share exceeds what they hold, largest excess first,
    /// ties in the group's order (requested week, submission time, order id of the customer's first eligible order).
    /// A customer whose floor did not fit (its excess is then a lot or more: a ratio counted the reference's floors) takes
    /// the whole lots it lacks at once, and comes round again in a further pass when the room was not there yet.
    /// </summary>
    private static void HandOutRemainders(WeekLedger ledger, ReadOnlySpan<int> customers, ProgressiveFilling filling)
    {
        if (ledger.Pool <= 0) return;
        var excesses = ArrayPool<long>.Shared.Rent(customers.Length);
        var order = ArrayPool<int>.Shared.Rent(customers.Length);
        var count = 0;
        for (var i = 0; i < customers.Length; i++)
        {
            var excess = filling.Allocation(i) - ledger.LotsOf(customers[i]);
            if (excess <= Tolerance) continue;
            // Rounded to a millionth of a lot so that remainders equal on paper tie, and the group's order decides.
            excesses[count] = -(long)Math.Round(excess * 1e6);
            order[count++] = i;
        }
        // Stable on ties: the group's order (i ascending) breaks them.
        Array.Sort(excesses, order, 0, count);
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && excesses[end] == excesses[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }
        // A customer held by a ratio waits for the reference lots handed out after it, and takes the room they open
        // before the customers behind them in the order do.
        var held = new List<int>();
        for (var progressed = true; progressed && ledger.Pool > 0;)
        {
            progressed = false;
            held.Clear();
            var heldFrom = 0;
            for (var n = 0; n < count && ledger.Pool > 0; n++)
            {
                var i = order[n];
                var excess = filling.Allocation(i) - ledger.LotsOf(customers[i]);
                if (excess <= Tolerance) continue;
                var referenceLots = ledger.ReferenceLots;
                if (ledger.PlaceLots(customers[i], Math.Max(1, FloorLots(excess))) > 0)
                {
                    progressed = true;
                    if (ledger.ReferenceLots != referenceLots) heldFrom = TakeOpenedRoom(ledger, customers, filling, held, heldFrom);
                }
                else if (ledger.IsCustomerHeldByRatio(customers[i]))
                {
                    held.Add(i);
                }
            }
        }
        ArrayPool<long>.Shared.Return(excesses);
        ArrayPool<int>.Shared.Return(order);
    }

    /// <summary>Held customers, in the order's sequence, take what they still lack while the room lasts; returns the first still held.</summary>
    private static int TakeOpenedRoom(WeekLedger ledger, ReadOnlySpan<int> customers, ProgressiveFilling filling, List<int> held, int from)
    {
        for (; from < held.Count && ledger.Pool > 0; from++)
        {
            var i = held[from];
            var excess = filling.Allocation(i) - ledger.LotsOf(customers[i]);
            if (excess <= Tolerance) continue;
            ledger.PlaceLots(customers[i], Math.Max(1, FloorLots(excess)));
            // Still held: the room is spent again, and those after it wait for the next reference lot.
            if (filling.Allocation(i) - ledger.LotsOf(customers[i]) > Tolerance && ledger.IsCustomerHeldByRatio(customers[i])) break;
        }
        return from;
    }

    /// <summary>
    /// Work conservation: while lots are left and someone can take one, the next lot goes to the customer lowest after
    /// taking it ((lots + 1) / weight), as in progressive filling. Idle unless rounding met a shared cap or a ratio. A
    /// customer held by a ratio waits aside until a lot to the ratio's reference may have given it room.
    /// </summary>
    private static void FillLeftoverLots(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights)
    {
        if (ledger.Pool <= 0) return;
        var queue = new PriorityQueue<int, (double Level, int Order)>();
        List<int>? aside = null;
        for (var i = 0; i < customers.Length; i++)
        {
            if (ledger.CanTake(customers[i])) queue.Enqueue(i, ((ledger.LotsOf(customers[i]) + 1) / weights[i], i));
            else (aside ??= []).Add(i);
        }
        var referenceLots = ledger.ReferenceLots;
        while (ledger.Pool > 0)
        {
            if (referenceLots != ledger.ReferenceLots && aside is { Count: > 0 })
            {
                referenceLots = ledger.ReferenceLots;
                var kept = 0;
                for (var n = 0; n < aside.Count; n++)
                {
                    var i = aside[n];
                    if (ledger.CanTake(customers[i])) queue.Enqueue(i, ((ledger.LotsOf(customers[i]) + 1) / weights[i], i));
                    else aside[kept++] = i;
                }
                aside.RemoveRange(kept, aside.Count - kept);
            }
            if (!queue.TryDequeue(out var next, out _)) return;
            if (ledger.PlaceOne(customers[next]) && ledger.CanTake(customers[next]))
                queue.Enqueue(next, ((ledger.LotsOf(customers[next]) + 1) / weights[next], next));
            else (aside ??= []).Add(next);
        }
    }

    /// <summary>
    /// When the supply is used up, no customer that could still take a lot may trail another by more than a lot of
    /// rounding on each side: (x_c + 1) / w_c ≥ (x_d − 1) / w_d. Each move of one lot from a customer above to one below
    /// lowers Σ x² / w, so the passes end; they only move lots when a shared cap or a ratio made the rounding uneven.
    /// </summary>
    /// <remarks>
    /// A pass feeds the customers that could take a lot, lowest first, from the others, highest first. A reference lot
    /// a ratio's destination counts on cannot move, so whether a lot from a country can land is tried once per country
    /// the receiver's next lot goes to; and when the lowest receiver of such a country cannot be helped, no higher one
    /// can (fewer donors stand above it), so the country is passed over for the rest of the pass. That keeps a pass
    /// O(k log k + lots moved); a new pass starts while the last one moved lots, since moves change rooms.
    /// </remarks>
    private static void RestoreFairness(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights)
    {
        if (ledger.Pool > 0) return; // then everyone in the group is stopped by demand or a cap
        var countries = ledger.Book.CountryCaps.Countries.Length;
        ledger.EnrolGroup(customers);
        while (true)
        {
            var lowest = double.PositiveInfinity;
            var highest = double.NegativeInfinity;
            for (var i = 0; i < customers.Length; i++)
            {
                var lots = ledger.LotsOf(customers[i]);
                if (lots > 0) highest = Math.Max(highest, (lots - 1) / weights[i]);
                if ((lots + 1) / weights[i] < lowest && ledger.HasRoom(customers[i])) lowest = (lots + 1) / weights[i];
            }
            if (highest <= lowest * (1 + 1e-12)) return;
            if (!FeedPass(ledger, customers, weights, countries, lowest)) return;
        }
    }

    private static bool FeedPass(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights, int countries, double lowest)
    {
        var k = customers.Length;
        var receivers = ArrayPool<int>.Shared.Rent(k);
        var receiverLevels = ArrayPool<double>.Shared.Rent(k);
        var donors = ArrayPool<int>.Shared.Rent(k);
        var donorLevels = ArrayPool<double>.Shared.Rent(k);
        int receiverCount = 0, donorCount = 0;
        for (var i = 0; i < k; i++)
        {
            var lots = ledger.LotsOf(customers[i]);
            if (lots > 0 && (lots - 1) / weights[i] > lowest * (1 + 1e-12))
            {
                donors[donorCount] = i;
                donorLevels[donorCount++] = -(lots - 1) / weights[i];
            }
            if (ledger.HasRoom(customers[i]))
            {
                receivers[receiverCount] = i;
                receiverLevels[receiverCount++] = (lots + 1) / weights[i];
            }
        }
        // Ties keep the group's order: the sort is not stable, so indexes break them.
        SortByLevelThenIndex(receiverLevels, receivers, receiverCount);
        SortByLevelThenIndex(donorLevels, donors, donorCount);

        var stuck = new bool[countries + 1];
        var failed = new sbyte[countries + 1];
        var moved = false;
        for (var n = 0; n < receiverCount; n++)
        {
            var receiver = receivers[n];
            var taker = customers[receiver];
            var next = ledger.NextSlotFor(taker);
            if (next < 0) continue;
            var bucket = ledger.CountryAt(next) + 1;
            if (stuck[bucket]) continue;
            Array.Clear(failed);
            var fed = false;
            // Feed this receiver while some donor above it can give.
            while (next >= 0 && Feed(ledger, customers, weights, donors, donorCount, receiver, failed))
            {
                fed = moved = true;
                next = ledger.NextSlotFor(taker);
            }
            if (!fed) stuck[bucket] = true;
        }
        ArrayPool<int>.Shared.Return(receivers);
        ArrayPool<double>.Shared.Return(receiverLevels);
        ArrayPool<int>.Shared.Return(donors);
        ArrayPool<double>.Shared.Return(donorLevels);
        return moved;
    }

    private static void SortByLevelThenIndex(double[] levels, int[] items, int count)
    {
        Array.Sort(levels, items, 0, count);
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && levels[end] == levels[start]) end++;
            if (end - start > 1) Array.Sort(items, start, end - start);
            start = end;
        }
    }

    /// <summary>
    /// One lot to the receiver from the first donor (highest first) still above it that can give one; false when none
    /// can. A donor gives from its last served order, so that what it keeps stays a prefix of its queue, unless a ratio
    /// needs that lot where it is: then from the one before.
    /// </summary>
    private static bool Feed(
        WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights, int[] donors, int donorCount, int receiver, sbyte[] failed)
    {
        var taker = customers[receiver];
        var level = (ledger.LotsOf(taker) + 1) / weights[receiver] * (1 + 1e-12);
        for (var n = 0; n < donorCount; n++)
        {
            var i = donors[n];
            var donor = customers[i];
            if (i == receiver || ledger.LotsOf(donor) == 0 || (ledger.LotsOf(donor) - 1) / weights[i] <= level) continue;
            for (var slot = ledger.EndSlot(donor) - 1; slot >= ledger.FirstSlot(donor); slot--)
            {
                if (ledger.LotsAt(slot) == 0) continue;
                var from = ledger.CountryAt(slot) + 1;
                if (failed[from] < 0) continue;
                if (!Move(ledger, donor, slot, taker))
                {
                    failed[from] = -1;
                    continue;
                }
                // The donor's order has room again, and so may other customers' orders under a cap it shares with them.
                if (ledger.SharesCaps(slot)) ledger.RewindGroup();
                else ledger.Rewind(donor);
                return true;
            }
        }
        return false;
    }

    /// <summary>Moves one lot from the donor's slot to the taker's next order, judged on where it lands (a reference lot
    /// moving to the same reference leaves every ratio as it was); puts everything back when it cannot land.</summary>
    private static bool Move(WeekLedger ledger, int donor, int slot, int taker)
    {
        if (!ledger.TakeBackAt(donor, slot)) return false;
        ledger.Rewind(taker);
        var landed = ledger.PlaceOneAt(taker);
        if (landed >= 0 && ledger.RatiosHold()) return true;
        if (landed >= 0) ledger.TakeBackAt(taker, landed);
        ledger.Place(donor, slot, 1);
        return false;
    }
}
