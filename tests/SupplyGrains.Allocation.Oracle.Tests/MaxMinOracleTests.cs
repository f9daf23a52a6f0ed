using CsCheck;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>The oracle checked on its own: its answer respects every cap, and the fast freezing rule agrees with the slow one.</summary>
public class MaxMinOracleTests
{
    private const double Slack = 1e-6;

    private static readonly Gen<SharingProblem> Problems =
        from customers in Gen.Int[1, 30].Array[1, 8]
        from licences in Gen.Int[0, 15].Array[0, 3]
        from routes in Gen.Select(Gen.Int[0, customers.Length - 1], Gen.Int[0, 12], Gen.Int[-1, licences.Length - 1], Gen.Int[0, 2]).Array[1, 16]
        from supply in Gen.Int[0, 60]
        from share in Gen.Int[0, 30].Array[customers.Length]
        from destinationRoom in Gen.Int[0, 20]
        select new SharingProblem(
            supply,
            customers.Select(tenths => tenths / 10.0).ToArray(),
            share.Select(cap => cap >= 20 ? double.PositiveInfinity : cap).ToArray(),
            routes.Select(r => new Route(r.Item1, r.Item2, r.Item3 >= 0 ? $"L{r.Item3}" : null, $"D{r.Item4}")).ToArray(),
            licences.Select((room, i) => (Id: $"L{i}", Room: (double)room)).ToDictionary(x => x.Id, x => x.Room),
            new Dictionary<string, double> { ["D0"] = destinationRoom });

    [Fact]
    public void Oracle_KeepsEveryCap() =>
        Problems.Sample(problem =>
        {
            var shares = MaxMinOracle.Share(problem);
            var routes = problem.Routes;
            Assert.True(shares.RouteLots.Sum() <= problem.SupplyLots + Slack, "supply");
            for (var r = 0; r < routes.Count; r++) Assert.InRange(shares.RouteLots[r], -Slack, routes[r].DemandLots + Slack);
            foreach (var (licence, room) in problem.LicenceRoomLots)
                Assert.True(Enumerable.Range(0, routes.Count).Where(r => routes[r].Licence == licence).Sum(r => shares.RouteLots[r]) <= room + Slack, licence);
            foreach (var (destination, room) in problem.DestinationRoomLots)
                Assert.True(Enumerable.Range(0, routes.Count).Where(r => routes[r].Destination == destination).Sum(r => shares.RouteLots[r]) <= room + Slack, destination);
            for (var c = 0; c < problem.Weights.Count; c++) Assert.True(shares.CustomerLots[c] <= problem.ShareCapLots[c] + Slack, $"share of {c}");
        }, iter: 300, print: Describe);

    [Fact]
    public void Oracle_FreezingByDuals_AgreesWithOneLpPerCandidate() =>
        Problems.Sample(problem =>
        {
            var byDuals = MaxMinOracle.Share(problem, FreezeRule.Duals);
            var byCandidates = MaxMinOracle.Share(problem, FreezeRule.PerCandidate);
            Close.Equal(byCandidates.CustomerLots, byDuals.CustomerLots, Slack);
        }, iter: 300, print: Describe);

    [Fact]
    public void Oracle_WorkConserving_UsesAllTheSupplyWhenNoCapBinds()
    {
        // Nobody is capped and demand exceeds supply: every lot is handed out, by weight.
        var problem = new SharingProblem(12, [1, 3], [double.PositiveInfinity, double.PositiveInfinity],
            [new Route(0, 100, null, "DE"), new Route(1, 100, null, "DE")], new Dictionary<string, double>(), new Dictionary<string, double>());

        Close.Equal([3, 9], MaxMinOracle.Share(problem).CustomerLots, Slack);
    }

    [Fact]
    public void Oracle_CapsADestinationGroupOnItsSum_BesideEachDestinationsOwnRoom()
    {
        // CN and MO together may have 10, MO alone 2: MO is held to 2, CN takes the group's other 8, DE the rest.
        var problem = new SharingProblem(40, [1, 1, 1], [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity],
            [new Route(0, 100, null, "CN"), new Route(1, 100, null, "MO"), new Route(2, 100, null, "DE")],
            new Dictionary<string, double>(), new Dictionary<string, double> { ["MO"] = 2 },
            [new DestinationGroupRoom(["CN", "MO"], 10)]);

        Close.Equal([8, 2, 30], MaxMinOracle.Share(problem).CustomerLots, Slack);
    }

    private static string Describe(SharingProblem p) =>
        $"supply {p.SupplyLots}; weights {string.Join(" ", p.Weights)}; share caps {string.Join(" ", p.ShareCapLots)}; "
        + $"licences {string.Join(" ", p.LicenceRoomLots.Select(l => $"{l.Key}={l.Value}"))}; "
        + $"destinations {string.Join(" ", p.DestinationRoomLots.Select(d => $"{d.Key}={d.Value}"))}; "
        + $"routes {string.Join(" ", p.Routes.Select(r => $"c{r.Customer}:{r.DemandLots}/{r.Licence ?? "-"}/{r.Destination}"))}";
}
