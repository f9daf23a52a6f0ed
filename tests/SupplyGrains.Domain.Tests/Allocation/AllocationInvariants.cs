using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Tests.Allocation;

/// <summary>
/// SPEC §4's invariants, checked on an outcome by replaying it against the problem: the replay keeps its own
/// remaining quantities, licence and quota balances and each week's units per country, and decides for itself which
/// customers are stopped by a cap, so it does not trust the engine's bookkeeping or its stop reasons (it checks those too).
/// </summary>
/// <remarks>
/// A week is replayed stage by stage, in the order the engine serves them: tiers in ascending order, and under
/// PastSales the customers with a purchase history before those without (who only get what the others leave). What
/// stopped a customer is judged when its stage is served: a destination ratio's room can grow afterwards with reference
/// units of lower stages, which the stage had no claim on (priority).
/// </remarks>
internal static class AllocationInvariants
{
    public static void Hold(AllocationProblem problem, AllocationOutcome outcome)
    {
        var lot = problem.LotSize;
        var lines = problem.Demand.ToDictionary(d => d.OrderId);
        var remaining = problem.Demand.ToDictionary(d => d.OrderId, d => d.Remaining);
        var licenceLeft = problem.LicenseRemaining.ToDictionary(l => l.Key, l => Math.Max(0, l.Value));
        var quotaLeft = (problem.Caps.CountryQuota ?? new Dictionary<string, int>()).ToDictionary(q => q.Key, q => q.Value);
        var ratios = problem.Caps.DestinationRatio ?? [];
        var profile = problem.Demand.GroupBy(d => d.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderBy(d => d.SubmittedAt).ThenBy(d => d.OrderId, StringComparer.Ordinal).Last());
        var allocated = new Dictionary<string, int>();
        var lastReason = new Dictionary<string, StopReason>();
        (int Tier, int Newcomer) StageOf(string customer) =>
            (profile[customer].Tier, problem.Strategy == AllocationStrategy.PastSales && profile[customer].PastPurchases <= 0 ? 1 : 0);

        Assert.Equal(problem.ToWeek.WeeksSince(problem.FromWeek) + 1, outcome.Weeks.Count);
        var carried = 0;
        for (var k = 0; k < outcome.Weeks.Count; k++)
        {
            var week = outcome.Weeks[k];
            Assert.Equal(problem.FromWeek.AddWeeks(k), week.Week);
            Assert.Equal(carried + problem.ReleasedSupply.GetValueOrDefault(week.Week), week.Supply);

            // Only the eligible lines appear, each once (invariant 2: nothing else gets anything).
            var eligible = problem.Demand.Where(d => d.RequestedWeek <= week.Week && remaining[d.OrderId] > 0)
                .Select(d => d.OrderId).Order(StringComparer.Ordinal);
            Assert.Equal(eligible, week.Lines.Select(l => l.OrderId).Order(StringComparer.Ordinal));

            // Invariant 1: whole lots, within the order's remaining, within the week's supply.
            foreach (var line in week.Lines)
            {
                Assert.Equal(lines[line.OrderId].CustomerId, line.CustomerId);
                Assert.InRange(line.Quantity, 0, remaining[line.OrderId]);
                Assert.Equal(0, line.Quantity % lot);
            }
            Assert.Equal(week.Lines.Sum(l => l.Quantity), week.Allocated);
            Assert.InRange(week.Allocated, 0, week.Supply);
            Assert.Equal(week.Supply - week.Allocated, week.CarriedOut);

            var got = week.Lines.GroupBy(l => l.CustomerId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
            var shareCap = problem.Caps.MaxCustomerShare is { } share ? (long)Math.Floor(share * week.Supply / lot) * lot : long.MaxValue;
            foreach (var (customer, units) in got) Assert.True(units <= shareCap, $"{customer} over its share in {week.Week}");

            var countryUnits = new Dictionary<string, long>(StringComparer.Ordinal);
            long Units(string country) => countryUnits.GetValueOrDefault(country);
            // A ratio counts its whole destination side: the destination and the countries together with it.
            long SideUnits(DestinationRatio ratio) => Side(ratio).Sum(Units);
            bool RatioRoom(string destination) =>
                RatioOn(ratios, destination) is not { } ratio || SideUnits(ratio) + lot <= ratio.MaxRatio * Units(ratio.RelativeTo);
            bool OrderOpen(string orderId) =>
                remaining[orderId] > 0
                && (lines[orderId].LicenseId is not { } l || licenceLeft.GetValueOrDefault(l) >= lot)
                && (!quotaLeft.TryGetValue(lines[orderId].Destination, out var quota) || quota >= lot)
                && RatioRoom(lines[orderId].Destination);

            // Whether one lot of the donor could go to the receiver's next order (the first in its queue a cap lets take
            // one, as lots are given) without breaking a ratio.
            bool CanMoveALot(string donor, string receiver)
            {
                var from = week.Lines.Where(l => l.CustomerId == donor && l.Quantity > 0).Select(l => lines[l.OrderId].Destination).Distinct();
                var queue = week.Lines.Where(l => l.CustomerId == receiver).Select(l => lines[l.OrderId])
                    .OrderBy(d => d.RequestedWeek).ThenBy(d => d.SubmittedAt).ThenBy(d => d.OrderId, StringComparer.Ordinal).ToList();
                foreach (var x in from)
                {
                    long After(string country, string? y) => Units(country) - (x == country ? lot : 0) + (y == country ? lot : 0);
                    long SideAfter(DestinationRatio r, string? y) => Side(r).Sum(country => After(country, y));
                    bool Holds(string? y) => ratios.All(r => SideAfter(r, y) <= r.MaxRatio * After(r.RelativeTo, y));
                    var next = queue.FirstOrDefault(d => remaining[d.OrderId] > 0
                        && (d.LicenseId is not { } licence || licenceLeft.GetValueOrDefault(licence) >= lot)
                        && (!quotaLeft.TryGetValue(d.Destination, out var quota) || quota >= lot)
                        && (RatioOn(ratios, d.Destination) is not { } ratio
                            || SideAfter(ratio, null) + lot <= ratio.MaxRatio * After(ratio.RelativeTo, null)));
                    if (next is not null && Holds(next.Destination)) return true;
                }
                return false;
            }

            var stopped = new Dictionary<string, bool>();
            var placed = 0;
            foreach (var stage in week.Lines.GroupBy(l => StageOf(l.CustomerId)).OrderBy(g => g.Key))
            {
                foreach (var line in stage)
                {
                    var order = lines[line.OrderId];
                    remaining[line.OrderId] -= line.Quantity;
                    allocated[line.OrderId] = allocated.GetValueOrDefault(line.OrderId) + line.Quantity;
                    lastReason[line.OrderId] = line.StoppedBy;
                    placed += line.Quantity;
                    countryUnits[order.Destination] = Units(order.Destination) + line.Quantity;
                    if (line.Quantity == 0) continue;
                    // Invariant 2: a licence never gives more than it had at the start of the run, a quota no more than it allows.
                    if (order.LicenseId is { } licence)
                    {
                        licenceLeft[licence] = licenceLeft.GetValueOrDefault(licence) - line.Quantity;
                        Assert.True(licenceLeft[licence] >= 0, $"licence {licence} overdrawn in {week.Week}");
                    }
                    if (quotaLeft.ContainsKey(order.Destination))
                    {
                        quotaLeft[order.Destination] -= line.Quantity;
                        Assert.True(quotaLeft[order.Destination] >= 0, $"quota of {order.Destination} overdrawn in {week.Week}");
                    }
                }
                // Invariant 2: every ratio holds on what the week has placed so far, so at every stage and at the end; a
                // grouped ratio on the sum of its destination side.
                foreach (var ratio in ratios)
                {
                    Assert.True(SideUnits(ratio) <= ratio.MaxRatio * Units(ratio.RelativeTo),
                        $"{string.Join("+", Side(ratio))} has {SideUnits(ratio)} against {Units(ratio.RelativeTo)} of {ratio.RelativeTo} in {week.Week}");
                }

                // Stop reasons are the truth at the end of the stage: in this order of precedence.
                foreach (var line in stage)
                {
                    var order = lines[line.OrderId];
                    var expected = remaining[line.OrderId] == 0 ? StopReason.Demand
                        : order.LicenseId is { } l && licenceLeft.GetValueOrDefault(l) < lot ? StopReason.LicenseCap
                        : got[line.CustomerId] + lot > shareCap ? StopReason.CustomerShareCap
                        : quotaLeft.TryGetValue(order.Destination, out var quota) && quota < lot ? StopReason.CountryQuota
                        : !RatioRoom(order.Destination) ? StopReason.DestinationRatio
                        : StopReason.Supply;
                    Assert.True(expected == line.StoppedBy, $"{line.OrderId} in {week.Week}: stopped by {line.StoppedBy}, but {expected} is what holds");
                }
                foreach (var customer in stage.Select(l => l.CustomerId).Distinct())
                    stopped[customer] = got[customer] + lot > shareCap || !week.Lines.Any(l => l.CustomerId == customer && OrderOpen(l.OrderId));

                // Invariant 4 (FairShare: a stage is a tier), with one lot of rounding on each side: a customer c stopped by
                // nothing but the supply has (x_c + lot) / w_c ≥ (x_d − lot) / w_d for every other customer d of its tier
                // that week, unless no lot of d could move to c without breaking a ratio (d's lots are the reference
                // units a destination already counts on).
                if (problem.Strategy == AllocationStrategy.FairShare)
                {
                    var members = stage.Select(l => l.CustomerId).Distinct().ToList();
                    foreach (var c in members.Where(c => !stopped[c]))
                    {
                        foreach (var d in members.Where(d => d != c && CanMoveALot(d, c)))
                        {
                            Assert.True((got[c] + lot) * profile[d].Weight >= (got[d] - lot) * profile[c].Weight,
                                $"{c} ({got[c]}, w {profile[c].Weight}) trails {d} ({got[d]}, w {profile[d].Weight}) in {week.Week}");
                        }
                    }
                }

                // Invariant 5, stage by stage: a lot or more left after a stage means nobody in it could have taken it.
                if (week.Supply - placed >= lot)
                {
                    foreach (var customer in stage.Select(l => l.CustomerId).Distinct())
                        Assert.True(stopped[customer], $"{week.Supply - placed} left in {week.Week} while {customer} could take a lot");
                }
            }

            // Invariant 3: a tier gets units only when every customer of every tier above it is stopped by demand or a cap.
            foreach (var (customer, units) in got.Where(g => g.Value > 0))
            {
                var tier = profile[customer].Tier;
                foreach (var above in got.Keys.Where(c => profile[c].Tier < tier))
                    Assert.True(stopped[above], $"tier {tier} got units in {week.Week} while {above} was only short of supply");
            }

            if (problem.Strategy == AllocationStrategy.Fifo) FifoHolds(week, lines, profile, ratios);
            carried = week.CarriedOut;
        }

        Assert.Equal(allocated.Keys.Order(StringComparer.Ordinal), outcome.Orders.Select(o => o.OrderId).Order(StringComparer.Ordinal));
        foreach (var order in outcome.Orders)
        {
            var line = lines[order.OrderId];
            Assert.Equal(new OrderAllocation(line.OrderId, line.CustomerId, profile[line.CustomerId].Tier, line.Remaining,
                allocated[order.OrderId], lastReason[order.OrderId]), order);
        }
    }

    /// <summary>A ratio's destination side: its destination, then the countries that count together with it.</summary>
    private static IEnumerable<string> Side(DestinationRatio ratio) => ratio.Together is { } together ? together.Prepend(ratio.Destination) : [ratio.Destination];

    /// <summary>The ratio whose destination side <paramref name="country"/> is on, or null.</summary>
    private static DestinationRatio? RatioOn(IReadOnlyList<DestinationRatio> ratios, string country) =>
        ratios.FirstOrDefault(r => Side(r).Contains(country, StringComparer.Ordinal));

    /// <summary>
    /// Fifo: an order gets units only when every order ahead of it in the queue is stopped by demand or a cap. An order
    /// held by its ratio is the exception it must be: its room comes from reference orders behind it, so when the week
    /// runs out while they are served, it ends short of supply with orders behind it served.
    /// </summary>
    private static void FifoHolds(
        WeekAllocation week, Dictionary<string, DemandLine> lines, Dictionary<string, DemandLine> profile, IReadOnlyList<DestinationRatio> ratios)
    {
        var queue = week.Lines.OrderBy(l => profile[l.CustomerId].Tier).ThenBy(l => lines[l.OrderId].RequestedWeek)
            .ThenBy(l => lines[l.OrderId].SubmittedAt).ThenBy(l => l.OrderId, StringComparer.Ordinal).ToList();
        bool FedByLaterReference(int j)
        {
            if (RatioOn(ratios, lines[queue[j].OrderId].Destination) is not { } ratio) return false;
            var tier = profile[queue[j].CustomerId].Tier;
            return queue.Skip(j + 1).Any(l => l.Quantity > 0 && profile[l.CustomerId].Tier == tier && lines[l.OrderId].Destination == ratio.RelativeTo);
        }
        for (var i = 0; i < queue.Count; i++)
        {
            if (queue[i].Quantity == 0) continue;
            for (var j = 0; j < i; j++)
            {
                Assert.True(queue[j].StoppedBy != StopReason.Supply || FedByLaterReference(j),
                    $"{queue[i].OrderId} got units in {week.Week} while {queue[j].OrderId}, ahead of it, was only short of supply");
            }
        }
    }
}
