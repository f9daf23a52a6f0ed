using SupplyGrains.Domain.Allocation;
using static SupplyGrains.Domain.Tests.Allocation.Scenario;

namespace SupplyGrains.Domain.Tests.Allocation;

public class AllocationEngineTests
{
    [Fact]
    public void UnusedSupply_CarriesToTheNextWeek_AndLaterDemandWaitsForItsWeek()
    {
        var outcome = AllocationEngine.Allocate(Problem([10, 5], [Order("a", "A", 4, week: 0), Order("b", "B", 20, week: 1)]));

        var first = outcome.Weeks[0];
        Assert.Equal((Week1, 10, 4, 6), (first.Week, first.Supply, first.Allocated, first.CarriedOut));
        Assert.Equal([new AllocationLine("a", "A", 4, StopReason.Demand)], first.Lines);
        var second = outcome.Weeks[1];
        Assert.Equal((Week1.AddWeeks(1), 11, 11, 0), (second.Week, second.Supply, second.Allocated, second.CarriedOut));
        Assert.Equal([new AllocationLine("b", "B", 11, StopReason.Supply)], second.Lines);
        Assert.Equal(
            [new OrderAllocation("a", "A", 1, 4, 4, StopReason.Demand), new OrderAllocation("b", "B", 1, 20, 11, StopReason.Supply)],
            outcome.Orders);
    }

    [Fact]
    public void Weeks_WithoutReleasedSupply_HaveOnlyWhatWasCarried()
    {
        var problem = Problem([10], [Order("a", "A", 4), Order("b", "B", 20, week: 2)]) with { ToWeek = Week1.AddWeeks(2) };

        var outcome = AllocationEngine.Allocate(problem);

        Assert.Equal([10, 6, 6], outcome.Weeks.Select(w => w.Supply));
        Assert.Equal(6, outcome.Got("b", week: 2));
        Assert.Empty(outcome.Weeks[1].Lines);
    }

    [Fact]
    public void Lots_OnlyWholeLotsAreAllocated_AndTheOddUnitsCarry()
    {
        // 45 units in lots of 8: 5 lots (40). Next week 5 + 3 = 8 units: one more lot.
        var outcome = AllocationEngine.Allocate(Problem([45, 3], [Order("a", "A", 80)], lotSize: 8));

        Assert.Equal((45, 40, 5), (outcome.Weeks[0].Supply, outcome.Weeks[0].Allocated, outcome.Weeks[0].CarriedOut));
        Assert.Equal(8, outcome.Got("a", week: 1));
        Assert.Equal(48, outcome.Order("a").Allocated);
    }

    [Fact]
    public void Lines_ListEveryEligibleOrder_EvenEmptyOnes_InTierCustomerQueueOrder()
    {
        var outcome = AllocationEngine.Allocate(Problem([3],
        [
            Order("z-late", "Z", 5, tier: 1, week: 0, minute: 1),
            Order("b-1", "B", 5, tier: 2, minute: 0),
            Order("z-early", "Z", 5, tier: 1, week: -1, minute: 9),
            Order("a-1", "A", 5, tier: 1, minute: 3),
            Order("future", "A", 5, tier: 1, week: 1),
            Order("done", "A", 0, tier: 1),
        ]));

        Assert.Equal(["a-1", "z-early", "z-late", "b-1"], outcome.Weeks[0].Lines.Select(l => l.OrderId));
        Assert.Equal(0, outcome.Got("b-1"));
        Assert.Equal(["a-1", "z-early", "z-late", "b-1"], outcome.Orders.Select(o => o.OrderId));
    }

    [Fact]
    public void StoppedBy_IsTheReasonOfTheLastWeekTheOrderWasEligible()
    {
        var outcome = AllocationEngine.Allocate(Problem([5, 5, 5],
            [Order("a", "A", 8), Order("b", "B", 30, week: 1, licence: "L")],
            licences: new Dictionary<string, int> { ["L"] = 4 }));

        Assert.Equal(StopReason.Supply, outcome.Line("a", week: 0).StoppedBy);
        Assert.Equal(StopReason.Demand, outcome.Line("a", week: 1).StoppedBy);
        Assert.Equal(StopReason.LicenseCap, outcome.Line("b", week: 2).StoppedBy);
        Assert.Equal(new OrderAllocation("a", "A", 1, 8, 8, StopReason.Demand), outcome.Order("a"));
        Assert.Equal(new OrderAllocation("b", "B", 1, 30, 4, StopReason.LicenseCap), outcome.Order("b"));
    }

    [Fact]
    public void Outcome_IsTheSame_WhateverOrderTheDemandArrivesIn()
    {
        DemandLine[] demand =
        [
            Order("a1", "A", 7, weight: 1.5m, minute: 3, licence: "L"), Order("a2", "A", 9, weight: 1.5m, minute: 3),
            Order("b1", "B", 11, minute: 3, licence: "L"), Order("c1", "C", 4, tier: 2), Order("d1", "D", 13, weight: 0.5m, week: 1),
            Order("e1", "E", 6, minute: 3),
        ];
        var licences = new Dictionary<string, int> { ["L"] = 9 };
        var reference = Fingerprint.Of(AllocationEngine.Allocate(Problem([17, 8], demand, licences: licences)));

        for (var seed = 0; seed < 20; seed++)
        {
            var shuffled = demand.ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(reference, Fingerprint.Of(AllocationEngine.Allocate(Problem([17, 8], shuffled, licences: licences))));
        }
    }

    [Fact]
    public void Customer_WhoseProfileChangedBetweenOrders_IsRankedByItsLatestSubmission()
    {
        var outcome = AllocationEngine.Allocate(Problem([10],
            [Order("old", "A", 10, tier: 2, minute: 0), Order("new", "A", 10, tier: 1, minute: 5), Order("b", "B", 10, tier: 2)]));

        Assert.Equal(10, outcome.CustomerGot("A"));
        Assert.Equal(0, outcome.Got("b"));
        Assert.All(outcome.Orders.Where(o => o.CustomerId == "A"), o => Assert.Equal(1, o.Tier));
    }

    [Fact]
    public void Remaining_ThatIsNotWholeLots_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => AllocationEngine.Allocate(Problem([80], [Order("a", "A", 12)], lotSize: 8)));

        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void DuplicateOrder_IsRejected() =>
        Assert.Throws<ArgumentException>(() => AllocationEngine.Allocate(Problem([10], [Order("a", "A", 1), Order("a", "B", 1)])));

    [Fact]
    public void NonPositiveWeight_IsRejected() =>
        Assert.Throws<ArgumentException>(() => AllocationEngine.Allocate(Problem([10], [Order("a", "A", 1, weight: 0)])));

    [Fact]
    public void LotSize_BelowOne_IsRejected() =>
        Assert.Throws<ArgumentException>(() => AllocationEngine.Allocate(Problem([10], [Order("a", "A", 1)], lotSize: 0)));

    [Fact]
    public void NegativeCustomerShare_IsRejected() =>
        Assert.Throws<ArgumentException>(() => AllocationEngine.Allocate(Problem([10], [Order("a", "A", 1)],
            caps: new AllocationCaps(MaxCustomerShare: -0.1m))));

    [Theory]
    [InlineData("caps.countryQuota.CN", "CN", -1, "US", 0.5)]
    [InlineData("caps.destinationRatio[0].maxRatio", "CN", 5, "US", -0.1)]
    [InlineData("caps.destinationRatio[0].relativeTo", "CN", 5, "CN", 0.5)]
    [InlineData("caps.destinationRatio[0].destination", "cn", 5, "US", 0.5)]
    public void Caps_ThatBreakTheRules_AreRejected_NamingTheField(string field, string destination, int quota, string relativeTo, double maxRatio)
    {
        var caps = new AllocationCaps(CountryQuota: new Dictionary<string, int> { ["CN"] = quota },
            DestinationRatio: [new DestinationRatio(destination, relativeTo, (decimal)maxRatio)]);

        var error = Assert.Throws<DomainValidationException>(() => AllocationEngine.Allocate(Problem([10], [Order("a", "A", 1)], caps: caps)));

        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void Ratios_MayNotShareADestination_NorChain()
    {
        var caps = new AllocationCaps(DestinationRatio:
        [
            new DestinationRatio("CN", "US", 0.5m), new DestinationRatio("CN", "DE", 0.5m), new DestinationRatio("MO", "CN", 1m),
        ]);

        var error = Assert.Throws<DomainValidationException>(() => AllocationEngine.Allocate(Problem([10], [Order("a", "A", 1)], caps: caps)));

        Assert.Equal(["caps.destinationRatio[1].destination", "caps.destinationRatio[2].relativeTo"], error.Errors.Keys.Order());
    }

    [Fact]
    public void Ratios_WithTheSameReference_AreAllowed()
    {
        var outcome = AllocationEngine.Allocate(Problem([70],
            [Order("cn", "C", 70, to: "CN"), Order("mo", "M", 70, to: "MO"), Order("us", "U", 70, to: "US")],
            caps: new AllocationCaps(DestinationRatio: [new DestinationRatio("MO", "US", 0.25m), new DestinationRatio("CN", "US", 0.5m)])));

        // US rises at λ, CN at 0.5 λ, MO at 0.25 λ: 1.75 λ = 70.
        Assert.Equal([40, 20, 10], [outcome.Got("us"), outcome.Got("cn"), outcome.Got("mo")]);
    }

    [Fact]
    public void EmptyCapCollections_MeanNoCap()
    {
        var outcome = AllocationEngine.Allocate(Problem([10], [Order("a", "A", 4)],
            caps: new AllocationCaps(CountryQuota: new Dictionary<string, int>(), DestinationRatio: [])));

        Assert.Equal(4, outcome.Got("a"));
    }
}
