using SupplyGrains.Domain.Allocation;
using static SupplyGrains.Domain.Tests.Allocation.Scenario;

namespace SupplyGrains.Domain.Tests.Allocation;

public class FairShareTests
{
    [Fact]
    public void FairShare_CapsSmallDemand_AndSplitsTheRestEvenly()
    {
        // 50 lots for 60/30/10: C is filled (10), the 40 left split evenly as neither A nor B is filled at 20.
        var outcome = AllocationEngine.Allocate(Problem([50], [Order("a", "A", 60), Order("b", "B", 30), Order("c", "C", 10)]));

        Assert.Equal([20, 20, 10], [outcome.Got("a"), outcome.Got("b"), outcome.Got("c")]);
        Assert.Equal([StopReason.Supply, StopReason.Supply, StopReason.Demand],
            [outcome.Line("a").StoppedBy, outcome.Line("b").StoppedBy, outcome.Line("c").StoppedBy]);
        Assert.Equal(50, outcome.Weeks[0].Allocated);
    }

    [Fact]
    public void FairShare_ScalesByWeight_AndRoundsByLargestRemainder()
    {
        // Weights 1/2/1: C is filled at 10; 40 left for A (w1) and B (w2): 13.33 / 26.67. Floors 13 + 26 + 10 = 49;
        // the last lot goes to the largest remainder, B's 0.67.
        var outcome = AllocationEngine.Allocate(Problem([50],
            [Order("a", "A", 60, weight: 1), Order("b", "B", 30, weight: 2), Order("c", "C", 10, weight: 1)]));

        Assert.Equal([13, 27, 10], [outcome.Got("a"), outcome.Got("b"), outcome.Got("c")]);
    }

    [Fact]
    public void FairShare_RoundsByLargestRemainder_NotByWhoIsLowestAfterTheLot()
    {
        // Weights 1/4 over 8 lots: 1.6 / 6.4. Largest remainder gives the 8th lot to A (0.6 > 0.4), although B would
        // be lower after taking it (7/4 < 2/1): the spec rounds by remainder.
        var outcome = AllocationEngine.Allocate(Problem([8], [Order("a", "A", 50, weight: 1), Order("b", "B", 50, weight: 4)]));

        Assert.Equal([2, 6], [outcome.Got("a"), outcome.Got("b")]);
    }

    [Fact]
    public void FairShare_GivesAWeightedCustomerItsDemand_AndTheRestToTheOthers()
    {
        // Weights 1/2/1 with 70 lots: B would hold 2 × 20 = 40 > 30, so B stops at 30 and A, C share the other 40.
        var outcome = AllocationEngine.Allocate(Problem([70],
            [Order("a", "A", 60, weight: 1), Order("b", "B", 30, weight: 2), Order("c", "C", 25, weight: 1)]));

        Assert.Equal([20, 30, 20], [outcome.Got("a"), outcome.Got("b"), outcome.Got("c")]);
    }

    [Theory]
    [InlineData(10, 4, 3, 3)]
    [InlineData(11, 4, 4, 3)]
    public void FairShare_RemainderTies_GoToTheEarliestRequestedWeek_ThenTheEarliestSubmission(int supply, int x, int y, int z)
    {
        // Equal remainders (a third each): X asked for an earlier week though it submitted last; Y submitted before Z.
        var outcome = AllocationEngine.Allocate(Problem([supply],
            [Order("z", "Z", 10, week: 0, minute: 10), Order("x", "X", 10, week: -1, minute: 50), Order("y", "Y", 10, week: 0, minute: 0)]));

        Assert.Equal([x, y, z], [outcome.Got("x"), outcome.Got("y"), outcome.Got("z")]);
    }

    [Fact]
    public void FairShare_IsPerCustomer_SoSplittingDemandIntoOrdersGainsNothing()
    {
        var single = AllocationEngine.Allocate(Problem([40], [Order("a", "A", 60), Order("b", "B", 60)]));
        var split = AllocationEngine.Allocate(Problem([40],
            [Order("a", "A", 60), Order("b1", "B", 20, minute: 1), Order("b2", "B", 20, minute: 2), Order("b3", "B", 20, minute: 3)]));

        Assert.Equal(20, single.CustomerGot("B"));
        Assert.Equal(20, split.CustomerGot("B"));
        Assert.Equal(20, split.CustomerGot("A"));
        Assert.Equal([20, 0, 0], [split.Got("b1"), split.Got("b2"), split.Got("b3")]);
    }

    [Fact]
    public void FairShare_FillsACustomersOrders_ByRequestedWeek_ThenSubmission_ThenOrderId()
    {
        var outcome = AllocationEngine.Allocate(Problem([35],
        [
            Order("late", "C", 10, week: 0, minute: 0),
            Order("early-second", "C", 10, week: -1, minute: 30),
            Order("early-first", "C", 10, week: -1, minute: 10),
            Order("same-b", "C", 10, week: 0, minute: 5),
            Order("same-a", "C", 10, week: 0, minute: 5),
        ]));

        Assert.Equal(10, outcome.Got("early-first"));
        Assert.Equal(10, outcome.Got("early-second"));
        Assert.Equal(10, outcome.Got("late"));
        Assert.Equal(5, outcome.Got("same-a"));
        Assert.Equal(0, outcome.Got("same-b"));
    }

    [Fact]
    public void FairShare_LowerTier_GetsNothing_UntilTheHigherTierIsSatisfied()
    {
        var scarce = AllocationEngine.Allocate(Problem([25], [Order("a", "A", 30, tier: 1), Order("b", "B", 10, tier: 2, weight: 100)]));
        var ample = AllocationEngine.Allocate(Problem([40], [Order("a", "A", 30, tier: 1), Order("b", "B", 10, tier: 2, weight: 100)]));

        Assert.Equal([25, 0], [scarce.Got("a"), scarce.Got("b")]);
        Assert.Equal(StopReason.Supply, scarce.Line("b").StoppedBy);
        Assert.Equal([30, 10], [ample.Got("a"), ample.Got("b")]);
    }

    [Fact]
    public void FairShare_HigherTierStoppedByACap_LetsTheLowerTierHaveTheRest()
    {
        var outcome = AllocationEngine.Allocate(Problem([20],
            [Order("a", "A", 30, tier: 1, licence: "L-A"), Order("b", "B", 30, tier: 2)],
            licences: new Dictionary<string, int> { ["L-A"] = 5 }));

        Assert.Equal(5, outcome.Got("a"));
        Assert.Equal(StopReason.LicenseCap, outcome.Line("a").StoppedBy);
        Assert.Equal(15, outcome.Got("b"));
    }

    [Fact]
    public void LicenceCap_IsSharedByTheOrdersItCovers()
    {
        var outcome = AllocationEngine.Allocate(Problem([100],
            [Order("a1", "A", 10, minute: 1, licence: "L"), Order("a2", "A", 10, minute: 2, licence: "L"), Order("b", "B", 100)],
            licences: new Dictionary<string, int> { ["L"] = 15 }));

        Assert.Equal(10, outcome.Got("a1"));
        Assert.Equal(5, outcome.Got("a2"));
        Assert.Equal(StopReason.Demand, outcome.Line("a1").StoppedBy);
        Assert.Equal(StopReason.LicenseCap, outcome.Line("a2").StoppedBy);
        Assert.Equal(85, outcome.Got("b"));
    }

    [Fact]
    public void LicenceCap_IsConsumedAcrossTheWeeksOfTheRun()
    {
        var outcome = AllocationEngine.Allocate(Problem([6, 10], [Order("a", "A", 30, licence: "L")],
            licences: new Dictionary<string, int> { ["L"] = 10 }));

        Assert.Equal(6, outcome.Got("a", week: 0));
        Assert.Equal(StopReason.Supply, outcome.Line("a", week: 0).StoppedBy);
        Assert.Equal(4, outcome.Got("a", week: 1));
        Assert.Equal(StopReason.LicenseCap, outcome.Line("a", week: 1).StoppedBy);
        Assert.Equal(6, outcome.Weeks[1].CarriedOut);
        Assert.Equal(new OrderAllocation("a", "A", 1, 30, 10, StopReason.LicenseCap), outcome.Order("a"));
    }

    [Fact]
    public void LicenceCap_OfAnUnknownLicence_CoversNothing()
    {
        var outcome = AllocationEngine.Allocate(Problem([10], [Order("a", "A", 10, licence: "nowhere"), Order("b", "B", 5)]));

        Assert.Equal(0, outcome.Got("a"));
        Assert.Equal(StopReason.LicenseCap, outcome.Line("a").StoppedBy);
        Assert.Equal(5, outcome.Got("b"));
    }

    [Fact]
    public void LicenceCap_SharedByTwoCustomers_IsSplitFairly_AndNeverOverdrawn()
    {
        // L covers 3 lots for A and B together: they hold 1.5 each when it runs out, C rises alone to 7.
        // Floors 1 + 1 + 7; the tenth lot goes to A, whose remainder ties B's and who asked first.
        var outcome = AllocationEngine.Allocate(Problem([10],
            [Order("a", "A", 10, minute: 1, licence: "L"), Order("b", "B", 10, minute: 2, licence: "L"), Order("c", "C", 10, minute: 3)],
            licences: new Dictionary<string, int> { ["L"] = 3 }));

        Assert.Equal([2, 1, 7], [outcome.Got("a"), outcome.Got("b"), outcome.Got("c")]);
        Assert.Equal(StopReason.LicenseCap, outcome.Line("b").StoppedBy);
    }

    [Fact]
    public void LicenceCap_SharedByManyCustomers_DoesNotLoseItsLastLotToRounding()
    {
        // L covers one lot for A, B and E (a third each). D (w1) and C (w2) rise to 3.33 and 6.67. Largest remainder
        // gives C its 7th lot and, on a tie of thirds, D its 4th, leaving L's lot unused while A, B and E hold nothing
        // and C holds 7: A would trail C by more than the lot of rounding. The lot goes back from D to A instead.
        var outcome = AllocationEngine.Allocate(Problem([11],
        [
            Order("d", "D", 50, minute: 0), Order("a", "A", 5, minute: 1, licence: "L"), Order("b", "B", 5, minute: 2, licence: "L"),
            Order("e", "E", 5, minute: 3, licence: "L"), Order("c", "C", 50, weight: 2, minute: 4),
        ], licences: new Dictionary<string, int> { ["L"] = 1 }));

        Assert.Equal([1, 0, 0, 7, 3], [outcome.Got("a"), outcome.Got("b"), outcome.Got("e"), outcome.Got("c"), outcome.Got("d")]);
        Assert.Equal(StopReason.LicenseCap, outcome.Line("b").StoppedBy);
    }

    [Fact]
    public void LicenceRoomFreedByRounding_GoesToACustomerOfTheTierBeforeTheNextTier()
    {
        // L covers 5 lots for A, D (w 1.4) and B (w 1.2): 1.75 / 1.75 / 1.5 when it runs out. A and D go on to their
        // unlicensed orders and stop at their share (3 lots), B stops at 1.5. Floors: A 1+2, D 1+2, B 1, so L has 2
        // lots left; largest remainder gives B one, and B can still take the other: it must, before tier 2 gets any.
        var outcome = AllocationEngine.Allocate(Problem([10],
        [
            Order("a1", "A", 10, weight: 1.4m, minute: 1, licence: "L"), Order("a2", "A", 10, weight: 1.4m, minute: 5),
            Order("d1", "D", 10, weight: 1.4m, minute: 2, licence: "L"), Order("d2", "D", 10, weight: 1.4m, minute: 6),
            Order("b1", "B", 10, weight: 1.2m, minute: 3, licence: "L"), Order("t", "T", 10, tier: 2),
        ], licences: new Dictionary<string, int> { ["L"] = 5 }, caps: new AllocationCaps(MaxCustomerShare: 0.3m)));

        Assert.Equal([3, 3, 3, 1], [outcome.CustomerGot("A"), outcome.CustomerGot("D"), outcome.CustomerGot("B"), outcome.Got("t")]);
        Assert.Equal(StopReason.LicenseCap, outcome.Line("b1").StoppedBy);
    }

    [Fact]
    public void MaxCustomerShare_CapsEachCustomerPerWeek_AndWhatIsLeftGoesDownTheTiers()
    {
        // 30 % of 100: A and B stop at 30, C is filled at 10, so tier 2's D gets the remaining 30 (its own cap).
        var outcome = AllocationEngine.Allocate(Problem([100],
            [Order("a", "A", 100), Order("b", "B", 100), Order("c", "C", 10), Order("d", "D", 50, tier: 2)],
            caps: new AllocationCaps(MaxCustomerShare: 0.3m)));

        Assert.Equal([30, 30, 10, 30], [outcome.Got("a"), outcome.Got("b"), outcome.Got("c"), outcome.Got("d")]);
        Assert.Equal(StopReason.CustomerShareCap, outcome.Line("a").StoppedBy);
        Assert.Equal(StopReason.Demand, outcome.Line("c").StoppedBy);
        Assert.Equal(StopReason.CustomerShareCap, outcome.Line("d").StoppedBy);
    }

    [Fact]
    public void MaxCustomerShare_RoundsDownToWholeLots_OfTheWeeksSupply()
    {
        // 25 % of 100 units is 3.125 lots of 8: a customer may get 3 lots (24 units).
        var outcome = AllocationEngine.Allocate(Problem([100], [Order("a", "A", 80)], lotSize: 8,
            caps: new AllocationCaps(MaxCustomerShare: 0.25m)));

        Assert.Equal(24, outcome.Got("a"));
        Assert.Equal(StopReason.CustomerShareCap, outcome.Line("a").StoppedBy);
        Assert.Equal(76, outcome.Weeks[0].CarriedOut);
    }
}
