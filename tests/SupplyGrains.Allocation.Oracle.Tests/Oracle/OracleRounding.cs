namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// Whole lots from the oracle's continuous answer, the way SPEC §4 says and the engine does it: floor every route,
/// hand the lots left over to customers by largest remainder (ties in the group's order: each customer's first
/// eligible order in the queue), then, if a cap stopped a remainder, give what is still left to whoever can take it,
/// lowest (lots + 1) / weight first. Every lot is checked against every cap in integers.
/// </summary>
public static class OracleRounding
{
    private const double Tolerance = 1e-6;

    public static long[] Round(TierProblem group, FairShares shares, long poolLots)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(shares);
        var problem = group.Problem;
        var routes = problem.Routes;
        var customers = problem.Weights.Count;
        var lots = new long[routes.Count];
        var held = new long[customers];
        var licenceLeft = problem.LicenceRoomLots.ToDictionary(l => l.Key, l => FloorLots(l.Value), StringComparer.Ordinal);
        var destinationLeft = problem.DestinationRoomLots.ToDictionary(d => d.Key, d => FloorLots(d.Value), StringComparer.Ordinal);
        var shareCap = problem.ShareCapLots.Select(cap => double.IsPositiveInfinity(cap) ? long.MaxValue : FloorLots(cap)).ToArray();
        var byCustomer = Enumerable.Range(0, routes.Count).ToLookup(r => routes[r].Customer);
        var pool = poolLots;

        long Room(int r)
        {
            var route = routes[r];
            var room = Math.Min(pool, Math.Min((long)route.DemandLots - lots[r], shareCap[route.Customer] - held[route.Customer]));
            if (route.Licence is { } licence) room = Math.Min(room, licenceLeft.GetValueOrDefault(licence));
            if (destinationLeft.TryGetValue(route.Destination, out var destination)) room = Math.Min(room, destination);
            return Math.Max(0, room);
        }
        void Give(int r, long count)
        {
            lots[r] += count;
            held[routes[r].Customer] += count;
            pool -= count;
            if (routes[r].Licence is { } licence) licenceLeft[licence] -= count;
            if (destinationLeft.ContainsKey(routes[r].Destination)) destinationLeft[routes[r].Destination] -= count;
        }
        // The customer's open route with the largest part of a lot still owed, or -1.
        int NextRoute(int c) => byCustomer[c].Where(r => Room(r) > 0).OrderByDescending(r => shares.RouteLots[r] - lots[r]).ThenBy(r => r).DefaultIfEmpty(-1).First();

        for (var r = 0; r < routes.Count; r++) Give(r, Math.Min(FloorLots(shares.RouteLots[r]), Room(r)));

        var byRemainder = Enumerable.Range(0, customers)
            .OrderBy(c => -(long)Math.Round((shares.CustomerLots[c] - held[c]) * 1e6)).ThenBy(c => c).ToArray();
        for (var progressed = true; progressed && pool > 0;)
        {
            progressed = false;
            foreach (var c in byRemainder)
            {
                if (pool == 0 || shares.CustomerLots[c] - held[c] <= Tolerance || NextRoute(c) is not (>= 0 and var r)) continue;
                Give(r, 1);
                progressed = true;
            }
        }

        while (pool > 0)
        {
            var next = Enumerable.Range(0, customers).Where(c => NextRoute(c) >= 0)
                .OrderBy(c => (held[c] + 1) / problem.Weights[c]).ThenBy(c => c).DefaultIfEmpty(-1).First();
            if (next < 0) break;
            Give(NextRoute(next), 1);
        }
        return lots;
    }

    /// <summary>Whole lots in a continuous amount, forgiving the solver's last bits (2.9999999 is 3).</summary>
    public static long FloorLots(double lots) => (long)Math.Floor(lots + 1e-9 + 1e-12 * Math.Abs(lots));
}
