using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// The oracle as an allocator in its own right: week by week (unallocated supply carried forward), tier by tier
/// (each from what the tiers before left), the exact max-min share of <see cref="MaxMinOracle"/> rounded to whole
/// lots by <see cref="OracleRounding"/>, each route's lots given to its orders in queue order, licences and country
/// quotas consumed as it goes.
/// </summary>
/// <remarks>
/// No destination ratio: lexicographic max-min over the whole polytope would boost the reference group to make room
/// for the destination group, which the engine deliberately does not do. Ratios are checked as a fixed point against
/// the engine's own outcome instead (<see cref="EngineReplay"/>).
/// </remarks>
public static class OracleRun
{
    public static IReadOnlyList<OracleWeek> Allocate(AllocationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Caps.DestinationRatio is { Count: > 0 })
            throw new NotSupportedException("The oracle's own run has no destination ratio: check ratios with EngineReplay, as a fixed point.");
        var book = OracleBook.From(problem);
        var ledger = new RunLedger(book);
        var weeks = new List<OracleWeek>();
        long carried = 0;
        for (var week = problem.FromWeek; week <= problem.ToWeek; week = week.AddWeeks(1))
        {
            var supplyUnits = carried + problem.ReleasedSupply.GetValueOrDefault(week);
            var supplyLots = supplyUnits / book.LotSize;
            var pool = supplyLots;
            var shareCap = book.ShareCapLots(supplyUnits);
            var customerLots = new Dictionary<string, long>(StringComparer.Ordinal);
            var orderLots = new Dictionary<string, long>(StringComparer.Ordinal);
            var tiers = ledger.Eligible(week).Select(o => book.OrderCustomer[o]).Distinct().GroupBy(c => book.CustomerTier[c]).OrderBy(g => g.Key).ToList();
            foreach (var tier in tiers)
            {
                var group = ledger.Tier(tier, week, pool, shareCap);
                var lots = OracleRounding.Round(group, MaxMinOracle.Share(group.Problem), pool);
                for (var r = 0; r < lots.Length; r++)
                {
                    var left = lots[r];
                    foreach (var o in group.RouteOrders[r])
                    {
                        var given = Math.Min(left, ledger.RemainingLots(o));
                        ledger.Take(o, given);
                        left -= given;
                        orderLots[book.Orders[o].OrderId] = given;
                    }
                    var customer = book.CustomerIds[group.Customers[group.Problem.Routes[r].Customer]];
                    customerLots[customer] = customerLots.GetValueOrDefault(customer) + lots[r];
                    pool -= lots[r];
                }
            }
            weeks.Add(new OracleWeek(week, supplyLots, customerLots, orderLots));
            carried = supplyUnits - (supplyLots - pool) * book.LotSize;
        }
        return weeks;
    }
}
