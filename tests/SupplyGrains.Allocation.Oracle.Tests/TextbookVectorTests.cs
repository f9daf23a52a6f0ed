using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>Max-min fairness examples worked by hand, through the oracle and then through the engine.</summary>
public class TextbookVectorTests
{
    private const double Exact = 1e-6;

    [Fact]
    public void Oracle_EqualWeights_GivesTheSmallDemandInFullAndSplitsTheRestEvenly()
    {
        var shares = MaxMinOracle.Share(ThreeCustomers(capacity: 50, demands: [60, 30, 10], weights: [1, 1, 1]));

        Close.Equal([20, 20, 10], shares.CustomerLots, Exact);
    }

    [Fact]
    public void Oracle_Weights1To2To1_GivesTheDoubleWeightTwiceTheShare()
    {
        var shares = MaxMinOracle.Share(ThreeCustomers(capacity: 50, demands: [60, 30, 10], weights: [1, 2, 1]));

        Close.Equal([40 / 3.0, 80 / 3.0, 10], shares.CustomerLots, Exact);
    }

    [Fact]
    public void Oracle_PerCandidateFreezing_GivesTheSameVectorAsDuals()
    {
        var problem = ThreeCustomers(capacity: 50, demands: [60, 30, 10], weights: [1, 2, 1]);

        var byDuals = MaxMinOracle.Share(problem, FreezeRule.Duals);
        var byCandidates = MaxMinOracle.Share(problem, FreezeRule.PerCandidate);

        Close.Equal(byDuals.CustomerLots, byCandidates.CustomerLots, Exact);
        Assert.True(byCandidates.LinearPrograms > byDuals.LinearPrograms, "the per-candidate rule should need more LPs");
    }

    [Fact]
    public void Oracle_SharedLicence_LetsTheCustomerWithAnotherRouteLeaveTheLicenceToTheOneWithout()
    {
        // a can be served under licence L or without one; b only under L, which has room for 5. Max-min gives b all
        // of L and serves a elsewhere: 10 / 5, where spending L in a's queue order would leave b 2.5.
        var problem = new SharingProblem(
            SupplyLots: 20,
            Weights: [1, 1],
            ShareCapLots: [double.PositiveInfinity, double.PositiveInfinity],
            Routes: [new Route(0, 10, "L", "DE"), new Route(0, 10, null, "DE"), new Route(1, 10, "L", "DE")],
            LicenceRoomLots: new Dictionary<string, double> { ["L"] = 5 },
            DestinationRoomLots: new Dictionary<string, double>());

        Close.Equal([10, 5], MaxMinOracle.Share(problem).CustomerLots, Exact);
    }

    [Theory]
    [InlineData(1, 1, 1, 20, 20, 10)]
    // 13.33 / 26.67 / 10 in whole units: floors 13 / 26 / 10, and the one unit left goes to the larger remainder (b's .67).
    [InlineData(1, 2, 1, 13, 27, 10)]
    public void Engine_AgreesWithTheTextbookVector(int weightA, int weightB, int weightC, int a, int b, int c)
    {
        var opening = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var week = IsoWeek.Parse("2026-W10");
        DemandLine Line(string customer, int units, int weight) =>
            new($"{customer}-1", customer, 1, weight, 0, week, opening, units, "DE", null);
        var problem = new AllocationProblem(week, week, new Dictionary<IsoWeek, int> { [week] = 50 }, 1,
            [Line("a", 60, weightA), Line("b", 30, weightB), Line("c", 10, weightC)], new Dictionary<string, int>(), AllocationCaps.None);

        var outcome = AllocationEngine.Allocate(problem);

        Assert.Equal([a, b, c], new[] { "a", "b", "c" }.Select(id => outcome.Weeks[0].Lines.Single(l => l.CustomerId == id).Quantity));
    }

    private static SharingProblem ThreeCustomers(double capacity, double[] demands, double[] weights) => new(
        capacity,
        weights,
        weights.Select(_ => double.PositiveInfinity).ToArray(),
        demands.Select((demand, c) => new Route(c, demand, null, "DE")).ToArray(),
        new Dictionary<string, double>(),
        new Dictionary<string, double>());
}
