using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Tests.Allocation;

/// <summary>
/// SPEC §4's invariants, checked on an outcome by replaying it against the problem: the replay keeps its own
/// remaining quantities and licence balances and decides for itself which customers are stopped by a cap, so it
/// does not trust the engine's bookkeeping or its stop reasons (it checks those too).
/// </summary>
internal static class AllocationInvariants
{
    public static void Hold(AllocationProblem problem, AllocationOutcome outcome)
    {
        var lot = problem.LotSize;
        var lines = problem.Demand.ToDictionary(d => d.OrderId);
        var remaining = problem.Demand.ToDictionary(d => d.OrderId, d => d.Remaining);
        var licenceLeft = problem.LicenseRemaining.ToDictionary(l => l.Key, l => Math.Max(0, l.Value));
        var profile = problem.Demand.GroupBy(d => d.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderBy(d => d.SubmittedAt).ThenBy(d => d.OrderId, StringComparer.Ordinal).Last());
        var allocated = new Dictionary<string, int>();
        var lastReason = new Dictionary<string, StopReason>();

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
                remaining[line.OrderId] -= line.Quantity;
                allocated[line.OrderId] = allocated.GetValueOrDefault(line.OrderId) + line.Quantity;
                lastReason[line.OrderId] = line.StoppedBy;
                if (lines[line.OrderId].LicenseId is { } licence && line.Quantity > 0)
                {
                    // Invariant 2: a licence never gives more than it had at the start of the run.
                    licenceLeft[licence] = licenceLeft.GetValueOrDefault(licence) - line.Quantity;
                    Assert.True(licenceLeft[licence] >= 0, $"licence {licence} overdrawn in {week.Week}");
                }
            }
            Assert.Equal(week.Lines.Sum(l => l.Quantity), week.Allocated);
            Assert.InRange(week.Allocated, 0, week.Supply);
            Assert.Equal(week.Supply - week.Allocated, week.CarriedOut);

            var got = week.Lines.GroupBy(l => l.CustomerId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
            var shareCap = problem.Caps.MaxCustomerShare is { } share ? (long)Math.Floor(share * week.Supply / lot) * lot : long.MaxValue;
            foreach (var (customer, units) in got) Assert.True(units <= shareCap, $"{customer} over its share in {week.Week}");

            bool OrderOpen(string orderId) =>
                remaining[orderId] > 0 && (lines[orderId].LicenseId is not { } l || licenceLeft.GetValueOrDefault(l) >= lot);
            bool StoppedByCapOrDemand(string customer) =>
                got[customer] + lot > shareCap || !week.Lines.Any(l => l.CustomerId == customer && OrderOpen(l.OrderId));

            foreach (var line in week.Lines)
            {
                var expected = remaining[line.OrderId] == 0 ? StopReason.Demand
                    : lines[line.OrderId].LicenseId is { } l && licenceLeft.GetValueOrDefault(l) < lot ? StopReason.LicenseCap
                    : got[line.CustomerId] + lot > shareCap ? StopReason.CustomerShareCap
                    : StopReason.Supply;
                Assert.Equal(expected, line.StoppedBy);
            }

            // Invariant 3: a tier gets units only when every customer of every tier above it is stopped by demand or a cap.
            foreach (var (customer, units) in got.Where(g => g.Value > 0))
            {
                var tier = profile[customer].Tier;
                foreach (var above in got.Keys.Where(c => profile[c].Tier < tier))
                    Assert.True(StoppedByCapOrDemand(above), $"tier {tier} got units in {week.Week} while {above} was only short of supply");
            }

            // Invariant 4 (FairShare), with one lot of rounding on each side: a customer c stopped by nothing but the
            // supply has (x_c + lot) / w_c ≥ (x_d − lot) / w_d for every other customer d of its tier that week.
            if (problem.Strategy == AllocationStrategy.FairShare)
            {
                foreach (var c in got.Keys.Where(c => !StoppedByCapOrDemand(c)))
                {
                    foreach (var d in got.Keys.Where(d => d != c && profile[d].Tier == profile[c].Tier))
                    {
                        Assert.True((got[c] + lot) * profile[d].Weight >= (got[d] - lot) * profile[c].Weight,
                            $"{c} ({got[c]}, w {profile[c].Weight}) trails {d} ({got[d]}, w {profile[d].Weight}) in {week.Week}");
                    }
                }
            }

            // Invariant 5: a lot or more left over means nobody eligible could have taken it.
            if (week.CarriedOut >= lot)
            {
                foreach (var customer in got.Keys)
                    Assert.True(StoppedByCapOrDemand(customer), $"{week.CarriedOut} left in {week.Week} while {customer} could take a lot");
            }

            // Fifo: an order gets units only when every order ahead of it in the queue is stopped by demand or a cap.
            if (problem.Strategy == AllocationStrategy.Fifo)
            {
                var queue = week.Lines.OrderBy(l => profile[l.CustomerId].Tier).ThenBy(l => lines[l.OrderId].RequestedWeek)
                    .ThenBy(l => lines[l.OrderId].SubmittedAt).ThenBy(l => l.OrderId, StringComparer.Ordinal).ToList();
                for (var i = 0; i < queue.Count; i++)
                {
                    if (queue[i].Quantity == 0) continue;
                    Assert.All(queue.Take(i), ahead => Assert.NotEqual(StopReason.Supply, ahead.StoppedBy));
                }
            }
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
}
