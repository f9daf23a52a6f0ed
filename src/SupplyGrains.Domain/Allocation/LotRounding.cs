namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// Turns the continuous fair shares of one group into whole lots: floor each share, hand the lots left over out by
/// largest remainder, then make sure nothing is left that someone could still take and that nobody stopped by the
/// supply alone trails another customer by more than the one lot of rounding on each side.
/// </summary>
/// <remarks>
/// When every licence belongs to one customer, floors plus largest remainder already meet invariants 3–5 of SPEC §4
/// (each customer stopped only by the supply holds at least the floor of w_c × λ*, every other at most the ceiling of
/// its share), and the last two steps find nothing to do. When customers share a licence, rounding can leave some of
/// its room unused, or give its last lot to one customer while another that holds nothing is left short without
/// being stopped by a cap; those two steps put that right. Every move goes through <see cref="WeekLedger"/>, so no
/// cap can break.
/// </remarks>
internal static class LotRounding
{
    private const double Tolerance = 1e-6;

    public static void Round(
        WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights, ProgressiveFilling filling,
        ReadOnlySpan<int> segmentFirstSlot, ReadOnlySpan<int> segmentEndSlot)
    {
        PlaceFloors(ledger, customers, filling, segmentFirstSlot, segmentEndSlot);
        HandOutRemainders(ledger, customers, filling);
        FillLeftoverLots(ledger, customers, weights);
        RestoreFairness(ledger, customers, weights);
    }

    /// <summary>Whole lots in <paramref name="lots"/>, forgiving the last bits of floating-point error (2.9999999 is 3).</summary>
    public static long FloorLots(double lots) => (long)Math.Floor(lots + 1e-9 + 1e-12 * Math.Abs(lots));

    /// <summary>
    /// Each customer gets the floor of its share, segment by segment in its queue: a settled segment up to the floor of
    /// what it holds (so a customer cannot take a shared licence's room from another one), its last segment the rest.
    /// </summary>
    private static void PlaceFloors(
        WeekLedger ledger, ReadOnlySpan<int> customers, ProgressiveFilling filling,
        ReadOnlySpan<int> segmentFirstSlot, ReadOnlySpan<int> segmentEndSlot)
    {
        for (var i = 0; i < customers.Length; i++)
        {
            var customer = customers[i];
            var target = FloorLots(filling.Allocation(i));
            var last = filling.EndSegment(i) - 1;
            while (last >= filling.FirstSegment(i) && filling.SegmentAmount(last) <= Tolerance) last--;
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

    /// <summary>
    /// Largest remainder: one lot at a time to the customers whose share exceeds what they hold, largest excess first,
    /// ties in the group's order (requested week, submission time, order id of the customer's first eligible order).
    /// A customer whose floor did not fit (its excess is then a lot or more) comes round again in a further pass.
    /// </summary>
    private static void HandOutRemainders(WeekLedger ledger, ReadOnlySpan<int> customers, ProgressiveFilling filling)
    {
        if (ledger.Pool <= 0) return;
        var order = new List<(long Excess, int Index)>();
        for (var i = 0; i < customers.Length; i++)
        {
            var excess = filling.Allocation(i) - ledger.LotsOf(customers[i]);
            if (excess <= Tolerance) continue;
            // Rounded to a millionth of a lot so that remainders equal on paper tie, and the group's order decides.
            order.Add((-(long)Math.Round(excess * 1e6), i));
        }
        order.Sort();
        for (var progressed = true; progressed && ledger.Pool > 0;)
        {
            progressed = false;
            foreach (var (_, i) in order)
            {
                if (ledger.Pool <= 0) return;
                if (filling.Allocation(i) - ledger.LotsOf(customers[i]) > Tolerance && ledger.PlaceOne(customers[i]))
                    progressed = true;
            }
        }
    }

    /// <summary>
    /// Work conservation: while lots are left and someone can take one, the next lot goes to the customer lowest after
    /// taking it ((lots + 1) / weight), as in progressive filling. Idle unless rounding met a shared cap.
    /// </summary>
    private static void FillLeftoverLots(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights)
    {
        if (ledger.Pool <= 0) return;
        var queue = new PriorityQueue<int, (double Level, int Order)>();
        for (var i = 0; i < customers.Length; i++)
        {
            if (ledger.CanTake(customers[i])) queue.Enqueue(i, ((ledger.LotsOf(customers[i]) + 1) / weights[i], i));
        }
        while (ledger.Pool > 0 && queue.TryDequeue(out var i, out _))
        {
            if (ledger.PlaceOne(customers[i]) && ledger.CanTake(customers[i]))
                queue.Enqueue(i, ((ledger.LotsOf(customers[i]) + 1) / weights[i], i));
        }
    }

    /// <summary>
    /// When the supply is used up, no customer that could still take a lot may trail another by more than a lot of
    /// rounding on each side: (x_c + 1) / w_c ≥ (x_d − 1) / w_d. Each move of one lot from d to c lowers Σ x² / w,
    /// so the loop ends; it only runs when a shared cap made the rounding uneven.
    /// </summary>
    private static void RestoreFairness(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights)
    {
        if (ledger.Pool > 0) return; // then everyone in the group is stopped by demand or a cap
        while (true)
        {
            int lowest = -1, highest = -1, runnerUp = -1;
            double lowestLevel = double.PositiveInfinity, highestLevel = double.NegativeInfinity, runnerUpLevel = double.NegativeInfinity;
            for (var i = 0; i < customers.Length; i++)
            {
                var lots = ledger.LotsOf(customers[i]);
                if (ledger.HasRoom(customers[i]) && (lots + 1) / weights[i] < lowestLevel)
                {
                    lowest = i;
                    lowestLevel = (lots + 1) / weights[i];
                }
                if (lots == 0) continue;
                var level = (lots - 1) / weights[i];
                if (level > highestLevel)
                {
                    (runnerUp, runnerUpLevel) = (highest, highestLevel);
                    (highest, highestLevel) = (i, level);
                }
                else if (level > runnerUpLevel)
                {
                    (runnerUp, runnerUpLevel) = (i, level);
                }
            }
            if (lowest < 0) return;
            var (donor, donorLevel) = highest == lowest ? (runnerUp, runnerUpLevel) : (highest, highestLevel);
            if (donor < 0 || donorLevel <= lowestLevel * (1 + 1e-12)) return;
            ledger.TakeBackOne(customers[donor]);
            foreach (var customer in customers) ledger.Rewind(customer);
            // The lowest customer had room before the move and the move only freed more, so this always places.
            if (!ledger.PlaceOne(customers[lowest])) return;
        }
    }
}
