using SupplyGrains.Domain.Allocation;
using static SupplyGrains.Domain.Tests.Allocation.Scenario;

namespace SupplyGrains.Domain.Tests.Allocation;

public class DestinationRatioTests
{
    [Fact]
    public void Ratio_HoldsTheDestinationInLockstep_AndNeverRaisesTheReference()
    {
        // CN ≤ 0.5 × US binds at once: US and DE rise at λ, CN at 0.5 λ. 100 = λ + λ + 0.5 λ, so λ = 40.
        var outcome = AllocationEngine.Allocate(Problem([100],
            [Order("cn", "C", 100, to: "CN"), Order("us", "U", 100, to: "US"), Order("de", "D", 100, to: "DE")],
            caps: Ratio("CN", "US", 0.5m)));

        Assert.Equal([20, 40, 40], [outcome.Got("cn"), outcome.Got("us"), outcome.Got("de")]);
        Assert.Equal([StopReason.DestinationRatio, StopReason.Supply, StopReason.Supply],
            [outcome.Line("cn").StoppedBy, outcome.Line("us").StoppedBy, outcome.Line("de").StoppedBy]);
    }

    [Fact]
    public void ALicence_SharedWithTheLockstep_RunsOutWhereTheLockstepsChangingPaceTakesIt()
    {
        // CN ≤ 0.25 × US binds at once, and licence L (30) is shared by a US customer rising at λ and the CN customer in
        // lockstep. While three US customers rise, CN rises at 0.75 λ; at λ = 10 D stops and CN's pace drops to 0.5. L
        // runs out when λ + 7.5 + 0.5 (λ − 10) = 30: λ = 18.33, A 18.33, B 11.67. (Timed on the first pace alone, L would
        // have run out at λ = 17.14, and A and B would end with 17 and 13 lots.) C rises alone after that until the 80
        // units are used: 40. Lots: A 18, B 11, D 10, C 40, and the last lot to B, the larger remainder.
        var outcome = AllocationEngine.Allocate(Problem([80],
            [Order("a", "A", 100, licence: "L", to: "US"), Order("b", "B", 100, licence: "L", to: "CN"),
             Order("c", "C", 100, to: "US"), Order("d", "D", 10, to: "US")],
            licences: new Dictionary<string, int> { ["L"] = 30 }, caps: Ratio("CN", "US", 0.25m)));

        Assert.Equal([18, 12, 40, 10], [outcome.Got("a"), outcome.Got("b"), outcome.Got("c"), outcome.Got("d")]);
        Assert.Equal(StopReason.LicenseCap, outcome.Line("a").StoppedBy);
    }

    [Fact]
    public void Ratio_FreezesTheDestination_WhenTheReferenceStopsAtItsDemand()
    {
        // US stops at its demand of 10 (λ = 10), so CN stops at 5 with it; DE takes everything else.
        var outcome = AllocationEngine.Allocate(Problem([100],
            [Order("cn", "C", 100, to: "CN"), Order("us", "U", 10, to: "US"), Order("de", "D", 100, to: "DE")],
            caps: Ratio("CN", "US", 0.5m)));

        Assert.Equal([5, 10, 85], [outcome.Got("cn"), outcome.Got("us"), outcome.Got("de")]);
        Assert.Equal(StopReason.DestinationRatio, outcome.Line("cn").StoppedBy);
        Assert.Equal(StopReason.Demand, outcome.Line("us").StoppedBy);
    }

    [Fact]
    public void Ratio_LetsTheDestinationRiseWithEverybody_WhileItHasSlack()
    {
        // Tier 1 placed 40 US units: CN may have 20 in the week, more than the 10 its fair share of tier 2 gives it.
        var outcome = AllocationEngine.Allocate(Problem([70],
            [Order("us", "U", 40, to: "US"), Order("cn", "C", 50, tier: 2, to: "CN"), Order("de", "D", 50, tier: 2)],
            caps: Ratio("CN", "US", 0.5m)));

        Assert.Equal([40, 15, 15], [outcome.Got("us"), outcome.Got("cn"), outcome.Got("de")]);
        Assert.Equal(StopReason.Supply, outcome.Line("cn").StoppedBy);
    }

    [Fact]
    public void Ratio_CountsTheReferenceOfHigherTiers_ButGivesNoRoomBackFromLowerOnes()
    {
        // CN in tier 1 has no US units to count on (tier 2 is served later): it gets nothing, and keeps nothing it
        // could claim from the 50 US units tier 2 gets afterwards. Tier 2's CN counts the 30 US units of tier 1.
        var cnFirst = AllocationEngine.Allocate(Problem([100],
            [Order("cn", "C", 50, tier: 1, to: "CN"), Order("us", "U", 50, tier: 2, to: "US"), Order("de", "D", 50, tier: 2)],
            caps: Ratio("CN", "US", 0.5m)));
        var usFirst = AllocationEngine.Allocate(Problem([100],
            [Order("us", "U", 30, tier: 1, to: "US"), Order("cn", "C", 100, tier: 2, to: "CN"), Order("de", "D", 100, tier: 2)],
            caps: Ratio("CN", "US", 0.5m)));

        Assert.Equal([0, 50, 50], [cnFirst.Got("cn"), cnFirst.Got("us"), cnFirst.Got("de")]);
        Assert.Equal(StopReason.DestinationRatio, cnFirst.Line("cn").StoppedBy);
        Assert.Equal([30, 15, 55], [usFirst.Got("us"), usFirst.Got("cn"), usFirst.Got("de")]);
        Assert.Equal(StopReason.DestinationRatio, usFirst.Line("cn").StoppedBy);
    }

    [Fact]
    public void Ratio_DestinationCustomersRejoinTheMainRise_WhenOneOfThemLeaves()
    {
        // CN ≤ 1.5 × US: two CN customers outgrow it at once (pace 1.5 / 2). When c1 leaves at its demand of 3
        // (λ = 4), c2 alone rises at pace 1.5, catches up with λ at 6 and from then on rises with everybody:
        // 3 + 3 λ = 100, λ = 32.33 for US, DE and c2 alike (the last lot by largest remainder, to the earliest).
        var outcome = AllocationEngine.Allocate(Problem([100],
        [
            Order("c1", "C1", 3, minute: 0, to: "CN"), Order("c2", "C2", 100, minute: 1, to: "CN"),
            Order("us", "U", 100, minute: 2, to: "US"), Order("de", "D", 100, minute: 3),
        ], caps: Ratio("CN", "US", 1.5m)));

        Assert.Equal([3, 33, 32, 32], [outcome.Got("c1"), outcome.Got("c2"), outcome.Got("us"), outcome.Got("de")]);
        Assert.Equal(StopReason.Supply, outcome.Line("c2").StoppedBy);
    }

    [Fact]
    public void Ratio_OfZero_KeepsTheDestinationOut_AndItsSupplyGoesToTheOthers()
    {
        var outcome = AllocationEngine.Allocate(Problem([30],
            [Order("cn", "C", 30, to: "CN"), Order("us", "U", 30, to: "US")], caps: Ratio("CN", "US", 0m)));

        Assert.Equal([0, 30], [outcome.Got("cn"), outcome.Got("us")]);
        Assert.Equal(StopReason.DestinationRatio, outcome.Line("cn").StoppedBy);
    }

    [Fact]
    public void Ratio_IsAppliedWeekByWeek()
    {
        // Week 1 has only CN and US demand; week 2 US is gone, so CN gets nothing more even with supply to spare.
        var outcome = AllocationEngine.Allocate(Problem([30, 30],
            [Order("cn", "C", 100, to: "CN"), Order("us", "U", 20, to: "US")], caps: Ratio("CN", "US", 0.5m)));

        Assert.Equal([10, 20], [outcome.Got("cn", week: 0), outcome.Got("us", week: 0)]);
        Assert.Equal(0, outcome.Got("cn", week: 1));
        Assert.Equal(StopReason.DestinationRatio, outcome.Line("cn", week: 1).StoppedBy);
        Assert.Equal(30, outcome.Weeks[1].CarriedOut);
    }

    [Fact]
    public void Ratio_WholeLots_NeverBreakIt_WhenTheReferenceRoundsDown()
    {
        // Lots of 4, 13 lots: continuous US 5.2 lots and CN 2.6 lots (r = 0.5); US floors to 5 lots, so CN may hold
        // floor(2.5) = 2 lots, not the 3 its share would round to.
        var outcome = AllocationEngine.Allocate(Problem([52],
            [Order("us", "U", 80, to: "US"), Order("cn", "C", 80, to: "CN"), Order("de", "D", 80, weight: 1m)],
            lotSize: 4, caps: Ratio("CN", "US", 0.5m)));

        var us = outcome.Got("us");
        var cn = outcome.Got("cn");
        Assert.True(cn <= 0.5m * us, $"CN {cn} against US {us}");
        Assert.Equal(52, us + cn + outcome.Got("de"));
        Assert.Equal(0, cn % 4);
        Assert.True(cn + 4 > 0.5m * us, "CN should be as high as the ratio allows");
    }

    [Fact]
    public void Ratio_CustomerWithOtherOrders_PassesOverTheHeldOne_AndComesBackForTheRoomLater()
    {
        // A's CN order is held at once (no US yet), so A rises on its DE order; once that is filled (λ = 10) A comes
        // back to CN, which rises with everybody until CN = 0.5 × US (λ = 20) and then in lockstep:
        // λ + 10 + 0.5 λ = 100, so λ = 60: B 60, A 10 + 30.
        var outcome = AllocationEngine.Allocate(Problem([100],
            [Order("a-cn", "A", 100, minute: 0, to: "CN"), Order("a-de", "A", 10, minute: 1), Order("b", "B", 100, minute: 2, to: "US")],
            caps: Ratio("CN", "US", 0.5m)));

        Assert.Equal([30, 10, 60], [outcome.Got("a-cn"), outcome.Got("a-de"), outcome.Got("b")]);
        Assert.Equal(StopReason.DestinationRatio, outcome.Line("a-cn").StoppedBy);
    }

    [Fact]
    public void Ratio_UnderProRataAndPastSales_HoldsTheDestinationToo()
    {
        DemandLine[] demand =
        [
            Order("cn", "C", 60, pastPurchases: 300, to: "CN"), Order("us", "U", 20, pastPurchases: 100, to: "US"),
            Order("de", "D", 20, pastPurchases: 100),
        ];

        var proRata = AllocationEngine.Allocate(Problem([60], demand, caps: Ratio("CN", "US", 0.5m), strategy: AllocationStrategy.ProRata));
        var pastSales = AllocationEngine.Allocate(Problem([60], demand, caps: Ratio("CN", "US", 0.5m), strategy: AllocationStrategy.PastSales));

        Assert.Equal([10, 20, 20], [proRata.Got("cn"), proRata.Got("us"), proRata.Got("de")]);
        Assert.Equal([10, 20, 20], [pastSales.Got("cn"), pastSales.Got("us"), pastSales.Got("de")]);
        Assert.Equal(StopReason.DestinationRatio, proRata.Line("cn").StoppedBy);
    }

    [Fact]
    public void Fifo_HeldDestinationOrder_TakesTheRoomTheReferenceBehindItOpens()
    {
        // CN is first in the queue but has no US units to count on; the US order behind it opens 10 units of room,
        // which CN takes before the DE order after them.
        var outcome = AllocationEngine.Allocate(Problem([40],
            [Order("cn", "C", 30, minute: 0, to: "CN"), Order("us", "U", 20, minute: 1, to: "US"), Order("de", "D", 30, minute: 2)],
            caps: Ratio("CN", "US", 0.5m), strategy: AllocationStrategy.Fifo));

        Assert.Equal([10, 20, 10], [outcome.Got("cn"), outcome.Got("us"), outcome.Got("de")]);
        Assert.Equal(StopReason.DestinationRatio, outcome.Line("cn").StoppedBy);
        Assert.Equal(StopReason.Supply, outcome.Line("de").StoppedBy);
    }
}
