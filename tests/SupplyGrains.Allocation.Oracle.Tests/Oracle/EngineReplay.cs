using System.Globalization;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// Checks an engine outcome against the oracle one week and one tier at a time: each tier's LP starts from the state
/// the engine itself left (supply after the tiers above, licence and quota room after the weeks before), so a lot of
/// rounding in one place is never carried into the next comparison, and every customer's lots must lie within the
/// tolerance of the oracle's continuous share. Comparing before the oracle rounds means no rounding rule is copied.
/// </summary>
/// <remarks>
/// Destination ratios are checked as a fixed point, as the engine means them: it does not boost the reference
/// group to make room for the destination group. So the customers of a tier with an order to a reference
/// destination keep what the engine gave them (they are not compared), the ratio becomes a plain cap on the
/// destination group (the whole lots r × the reference group's lots that week allow, as SPEC §4 counts a ratio in
/// lots, less what tiers above already gave the destination), and the remaining customers' lexicographic max-min must
/// match the engine. A ratio with countries together with its destination caps the sum over its whole destination
/// side (one LP row over the routes to any of them), beside each country's own quota.
/// </remarks>
public static class EngineReplay
{
    private const double SolverSlack = 1e-6;

    public static ReplayReport Compare(AllocationProblem problem, AllocationOutcome outcome, double toleranceLots = 1)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(outcome);
        var book = OracleBook.From(problem);
        var ledger = new RunLedger(book);
        var orderIndex = book.Orders.Select((d, o) => (d.OrderId, o)).ToDictionary(x => x.OrderId, x => x.o, StringComparer.Ordinal);
        var ratios = problem.Caps.DestinationRatio ?? [];
        var references = ratios.Select(r => r.RelativeTo).ToHashSet(StringComparer.Ordinal);
        var disagreements = new List<string>();
        double largest = 0;
        int groups = 0, programs = 0;
        long carried = 0;

        foreach (var week in outcome.Weeks)
        {
            var supplyUnits = carried + problem.ReleasedSupply.GetValueOrDefault(week.Week);
            var shareCap = book.ShareCapLots(supplyUnits);
            var engineLots = new long[book.Orders.Length];
            foreach (var line in week.Lines) engineLots[orderIndex[line.OrderId]] = line.Quantity / book.LotSize;
            var eligible = ledger.Eligible(week.Week).ToHashSet();
            foreach (var line in week.Lines.Where(l => l.Quantity > 0 && !eligible.Contains(orderIndex[l.OrderId])))
                disagreements.Add($"{week.Week}: the engine served {line.OrderId}, which was not eligible");
            var lotsTo = (string destination) => eligible.Where(o => book.Orders[o].Destination == destination).Sum(o => engineLots[o]);
            var referenceLots = references.ToDictionary(r => r, lotsTo, StringComparer.Ordinal);
            var placedTo = new Dictionary<string, long>(StringComparer.Ordinal);

            var supplyLeft = supplyUnits / book.LotSize;
            foreach (var tier in eligible.Select(o => book.OrderCustomer[o]).Distinct().GroupBy(c => book.CustomerTier[c]).OrderBy(g => g.Key))
            {
                // Customers with an order to a reference destination keep the engine's lots: they are the fixed point.
                var fixedPoint = tier.Where(c => eligible.Any(o => book.OrderCustomer[o] == c && references.Contains(book.Orders[o].Destination))).ToHashSet();
                foreach (var o in eligible.Where(o => fixedPoint.Contains(book.OrderCustomer[o]))) Place(o);
                var caps = ratios.Select(r =>
                {
                    string[] side = [r.Destination, .. r.Together ?? []];
                    return new DestinationGroupRoom(side,
                        (double)decimal.Floor(r.MaxRatio * referenceLots[r.RelativeTo]) - side.Sum(d => placedTo.GetValueOrDefault(d)));
                }).ToList();

                var group = ledger.Tier(tier.Where(c => !fixedPoint.Contains(c)), week.Week, supplyLeft, shareCap, groupCaps: caps);
                if (group.Customers.Length > 0)
                {
                    var shares = MaxMinOracle.Share(group.Problem);
                    groups++;
                    programs += shares.LinearPrograms;
                    for (var i = 0; i < group.Customers.Length; i++)
                    {
                        var customer = group.Customers[i];
                        var engine = eligible.Where(o => book.OrderCustomer[o] == customer).Sum(o => engineLots[o]);
                        var gap = Math.Abs(engine - shares.CustomerLots[i]);
                        largest = Math.Max(largest, gap);
                        if (gap > toleranceLots + SolverSlack)
                        {
                            disagreements.Add(string.Create(CultureInfo.InvariantCulture,
                                $"{week.Week} tier {tier.Key}: {book.CustomerIds[customer]} got {engine} lots, the oracle says {shares.CustomerLots[i]:0.####} (customers {Shares(book, group, shares)})"));
                        }
                    }
                }
                foreach (var o in eligible.Where(o => tier.Contains(book.OrderCustomer[o]) && !fixedPoint.Contains(book.OrderCustomer[o]))) Place(o);
            }
            carried = supplyUnits - week.Lines.Sum(l => (long)l.Quantity);

            void Place(int o)
            {
                ledger.Take(o, engineLots[o]);
                supplyLeft -= engineLots[o];
                placedTo[book.Orders[o].Destination] = placedTo.GetValueOrDefault(book.Orders[o].Destination) + engineLots[o];
            }
        }
        return new ReplayReport(disagreements, largest, groups, programs);
    }

    private static string Shares(OracleBook book, TierProblem group, FairShares shares) =>
        string.Join(", ", group.Customers.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{book.CustomerIds[c]} {shares.CustomerLots[i]:0.##}")));
}
