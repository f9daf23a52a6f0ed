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
/// <see cref="WeekLedger"/>, so no cap can break.
/// </remarks>
internal static class LotRounding
{
    private const double Tolerance = 1e-6;

    public static void Round(
        WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights, ProgressiveFilling filling,
        ReadOnlySpan<int> segmentFirstSlot, ReadOnlySpan<int> segmentEndSlot)
    {
        var ratios = ledger.Book.CountryCaps.RatioCount > 0;
        PlaceFloors(ledger, customers, filling, segmentFirstSlot, segmentEndSlot, destinations: false, ratios);
        if (ratios) PlaceFloors(ledger, customers, filling, segmentFirstSlot, segmentEndSlot, destinations: true, ratios);
        HandOutRemainders(ledger, customers, filling);
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
        for (var progressed = true; progressed && ledger.Pool > 0;)
        {
            progressed = false;
            for (var n = 0; n < count && ledger.Pool > 0; n++)
            {
                var i = order[n];
                var excess = filling.Allocation(i) - ledger.LotsOf(customers[i]);
                if (excess > Tolerance && ledger.PlaceLots(customers[i], Math.Max(1, FloorLots(excess))) > 0) progressed = true;
            }
        }
        ArrayPool<long>.Shared.Return(excesses);
        ArrayPool<int>.Shared.Return(order);
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
    /// rounding on each side: (x_c + 1) / w_c ≥ (x_d − 1) / w_d. Each move of one lot from d to c lowers Σ x² / w,
    /// so the loop ends; it only moves lots when a shared cap or a ratio made the rounding uneven. A reference lot that
    /// a ratio's destination counts on cannot move, so when the lowest customer cannot be helped, the lowest of those
    /// whose next lot goes to another country may be.
    /// </summary>
    private static void RestoreFairness(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights)
    {
        if (ledger.Pool > 0) return; // then everyone in the group is stopped by demand or a cap
        // The lowest customer that could take a lot, per country its next lot would go to (slot 0: uncapped ones).
        var countries = ledger.Book.CountryCaps.Countries.Length;
        Span<int> lowest = countries < 32 ? stackalloc int[countries + 1] : new int[countries + 1];
        while (true)
        {
            lowest.Fill(-1);
            var highest = double.NegativeInfinity;
            for (var i = 0; i < customers.Length; i++)
            {
                var lots = ledger.LotsOf(customers[i]);
                if (lots > 0) highest = Math.Max(highest, (lots - 1) / weights[i]);
                var next = ledger.NextSlotFor(customers[i]);
                if (next < 0) continue;
                var bucket = ledger.CountryAt(next) + 1;
                if (lowest[bucket] < 0 || (lots + 1) / weights[i] < Level(ledger, customers, weights, lowest[bucket], +1)) lowest[bucket] = i;
            }
            var moved = false;
            // Lowest first, as progressive filling would.
            for (var tries = 0; tries < lowest.Length && !moved; tries++)
            {
                var receiver = -1;
                foreach (var candidate in lowest)
                {
                    if (candidate >= 0 && (receiver < 0 || Level(ledger, customers, weights, candidate, +1) < Level(ledger, customers, weights, receiver, +1)))
                        receiver = candidate;
                }
                if (receiver < 0) return;
                var level = Level(ledger, customers, weights, receiver, +1);
                if (highest <= level * (1 + 1e-12)) return;
                moved = MoveOneLot(ledger, customers, weights, receiver, level);
                if (!moved) lowest[ledger.CountryAt(ledger.NextSlotFor(customers[receiver])) + 1] = -1;
            }
            if (!moved) return;
        }
    }

    /// <summary>(lots ± 1) / weight: the customer's level after taking (+1) or giving (−1) a lot.</summary>
    private static double Level(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights, int i, int change) =>
        (ledger.LotsOf(customers[i]) + change) / weights[i];

    /// <summary>
    /// One lot to the receiver from the highest donor above its level that can give it; false when none can. A donor
    /// gives from its last served order, so that what it keeps stays a prefix of its queue, unless a ratio needs that
    /// lot where it is: then from the one before. Whether a lot from a country can land is tried once per country.
    /// </summary>
    private static bool MoveOneLot(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights, int receiver, double receiverLevel)
    {
        var taker = customers[receiver];
        var countries = ledger.Book.CountryCaps.Countries.Length;
        // Per donor country (slot 0: uncapped): 0 not tried, 1 lands, -1 cannot.
        Span<sbyte> lands = countries < 64 ? stackalloc sbyte[countries + 1] : new sbyte[countries + 1];
        lands.Clear();
        int donor = -1, donorSlot = -1;
        var donorLevel = receiverLevel * (1 + 1e-12);
        for (var i = 0; i < customers.Length; i++)
        {
            var level = Level(ledger, customers, weights, i, -1);
            if (i == receiver || ledger.LotsOf(customers[i]) == 0 || level <= donorLevel) continue;
            for (var slot = ledger.EndSlot(customers[i]) - 1; slot >= ledger.FirstSlot(customers[i]); slot--)
            {
                if (ledger.LotsAt(slot) == 0) continue;
                var from = ledger.CountryAt(slot) + 1;
                if (lands[from] == 0) lands[from] = (sbyte)(TryMove(ledger, customers[i], slot, taker, undo: true) ? 1 : -1);
                if (lands[from] < 0) continue;
                (donor, donorSlot, donorLevel) = (i, slot, level);
                break;
            }
        }
        if (donor < 0) return false;
        TryMove(ledger, customers[donor], donorSlot, taker, undo: false);
        // The donor's order has room again, and so may other customers' orders under a cap it shares with them.
        if (ledger.SharesCaps(donorSlot)) foreach (var customer in customers) ledger.Rewind(customer);
        else ledger.Rewind(customers[donor]);
        return true;
    }

    /// <summary>Moves one lot from the donor's slot to the taker's next order, judged on where it lands (a reference lot
    /// moving to the same reference leaves every ratio as it was); puts everything back when it cannot land, or when asked.</summary>
    private static bool TryMove(WeekLedger ledger, int donor, int slot, int taker, bool undo)
    {
        if (!ledger.TakeBackAt(donor, slot)) return false;
        ledger.Rewind(taker);
        var landed = ledger.PlaceOneAt(taker);
        var holds = landed >= 0 && ledger.RatiosHold();
        if (holds && !undo) return true;
        if (landed >= 0) ledger.TakeBackAt(taker, landed);
        ledger.Place(donor, slot, 1);
        return holds;
    }
}
