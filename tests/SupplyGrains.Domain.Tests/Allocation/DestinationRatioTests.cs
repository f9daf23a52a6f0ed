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

    // Grouped ratios: "CN and MO together get at most r × US" (DestinationRatio.Together).

    [Fact]
    public void GroupedRatio_HoldsCnAndMoTogetherInLockstep_AndSplitsTheirSideFairly()
    {
        // (CN + MO) ≤ 0.5 × US binds at once: US and DE rise at λ, CN and MO (equal weights) share 0.5 λ, each at
        // μ = 0.25 λ. 100 = 2 λ + 0.5 λ, so λ = 40: US 40, DE 40, CN 10, MO 10.
        var outcome = AllocationEngine.Allocate(Problem([100],
            [Order("cn", "C", 100, to: "CN"), Order("mo", "M", 100, to: "MO"), Order("us", "U", 100, to: "US"), Order("de", "D", 100, to: "DE")],
            caps: Ratio("CN", ["MO"], "US", 0.5m)));

        Assert.Equal([10, 10, 40, 40], [outcome.Got("cn"), outcome.Got("mo"), outcome.Got("us"), outcome.Got("de")]);
        Assert.Equal([StopReason.DestinationRatio, StopReason.DestinationRatio, StopReason.Supply, StopReason.Supply],
            [outcome.Line("cn").StoppedBy, outcome.Line("mo").StoppedBy, outcome.Line("us").StoppedBy, outcome.Line("de").StoppedBy]);
    }

    [Fact]
    public void GroupedRatio_SplitsItsSideByWeight()
    {
        // (CN + MO) ≤ 0.75 × US, CN with weight 2: CN holds 2 μ and MO μ, 3 μ = 0.75 λ. 110 = 2 λ + 0.75 λ, so λ = 40,
        // μ = 10: CN 20, MO 10.
        var outcome = AllocationEngine.Allocate(Problem([110],
            [Order("cn", "C", 100, weight: 2m, to: "CN"), Order("mo", "M", 100, to: "MO"), Order("us", "U", 100, to: "US"), Order("de", "D", 100, to: "DE")],
            caps: Ratio("CN", ["MO"], "US", 0.75m)));

        Assert.Equal([20, 10, 40, 40], [outcome.Got("cn"), outcome.Got("mo"), outcome.Got("us"), outcome.Got("de")]);
    }

    [Fact]
    public void GroupedRatio_Binds_WhereCnAloneWouldFitUnderTheRatio()
    {
        // Tier 1 places 40 US units, so the destination side may have 20 in the week. Tier 2 shares 36 among CN, MO and
        // DE: at λ = 12 each, CN alone (12) fits under 20 and a ratio on CN alone does not bind; CN + MO (24) does not.
        // The pair binds at λ = 10 and stays there (US does not rise in tier 2); DE takes the rest, 16.
        DemandLine[] demand =
        [
            Order("us", "U", 40, to: "US"), Order("cn", "C", 50, tier: 2, to: "CN"), Order("mo", "M", 50, tier: 2, to: "MO"),
            Order("de", "D", 50, tier: 2, to: "DE"),
        ];

        var cnAlone = AllocationEngine.Allocate(Problem([76], demand, caps: Ratio("CN", "US", 0.5m)));
        var together = AllocationEngine.Allocate(Problem([76], demand, caps: Ratio("CN", ["MO"], "US", 0.5m)));

        Assert.Equal([40, 12, 12, 12], [cnAlone.Got("us"), cnAlone.Got("cn"), cnAlone.Got("mo"), cnAlone.Got("de")]);
        Assert.Equal(StopReason.Supply, cnAlone.Line("cn").StoppedBy);
        Assert.Equal([40, 10, 10, 16], [together.Got("us"), together.Got("cn"), together.Got("mo"), together.Got("de")]);
        Assert.Equal([StopReason.DestinationRatio, StopReason.DestinationRatio, StopReason.Supply],
            [together.Line("cn").StoppedBy, together.Line("mo").StoppedBy, together.Line("de").StoppedBy]);
    }

    [Fact]
    public void GroupedRatio_AndAQuotaOnMoAlone_EachBindWhatTheyCover()
    {
        // MO may have 4 units over the run; (CN + MO) ≤ 0.5 × US. CN and MO rise in lockstep at 0.25 λ until MO's quota
        // stops it at λ = 16; CN then holds the side's room alone, 0.5 λ − 4. 100 = 2 λ + 0.5 λ: λ = 40, US 40, DE 40,
        // MO 4, CN 16 (CN + MO = 20 = 0.5 × 40: MO's unused part of the side's room goes to CN).
        var outcome = AllocationEngine.Allocate(Problem([100],
            [Order("cn", "C", 100, to: "CN"), Order("mo", "M", 100, to: "MO"), Order("us", "U", 100, to: "US"), Order("de", "D", 100, to: "DE")],
            caps: Ratio("CN", ["MO"], "US", 0.5m) with { CountryQuota = new Dictionary<string, int> { ["MO"] = 4 } }));

        Assert.Equal([16, 4, 40, 40], [outcome.Got("cn"), outcome.Got("mo"), outcome.Got("us"), outcome.Got("de")]);
        Assert.Equal(StopReason.DestinationRatio, outcome.Line("cn").StoppedBy);
        Assert.Equal(StopReason.CountryQuota, outcome.Line("mo").StoppedBy);
    }

    [Fact]
    public void GroupedRatio_ACustomerWithOrdersToBothCountries_GoesOnFromOneToTheOtherInLockstep()
    {
        // A's CN order (5) and MO order are on the same side: binding at once, A does not pass over to its MO order (the
        // same ratio holds it) but rises in lockstep at 0.5 λ, through CN into MO. 100 = 2 λ + 0.5 λ: λ = 40, A 20 = 5 + 15.
        var outcome = AllocationEngine.Allocate(Problem([100],
            [Order("a-cn", "A", 5, minute: 0, to: "CN"), Order("a-mo", "A", 100, minute: 1, to: "MO"), Order("us", "U", 100, to: "US"), Order("de", "D", 100, to: "DE")],
            caps: Ratio("CN", ["MO"], "US", 0.5m)));

        Assert.Equal([5, 15, 40, 40], [outcome.Got("a-cn"), outcome.Got("a-mo"), outcome.Got("us"), outcome.Got("de")]);
        Assert.Equal(StopReason.Demand, outcome.Line("a-cn").StoppedBy);
        Assert.Equal(StopReason.DestinationRatio, outcome.Line("a-mo").StoppedBy);
    }

    [Fact]
    public void GroupedRatio_CountsTheWholeSide_UnderProRataAndFifo()
    {
        // ProRata by demand 60 / 20 / 20 / 20: the side (CN + MO) may have half of US's 20; 10 shared 3 : 1 is 7.5 : 2.5,
        // which whole units round to 8 and 2 (largest remainder, CN first). DE gets its 20.
        DemandLine[] demand =
        [
            Order("cn", "C", 60, minute: 0, to: "CN"), Order("mo", "M", 20, minute: 1, to: "MO"),
            Order("us", "U", 20, minute: 2, to: "US"), Order("de", "D", 20, minute: 3),
        ];
        var proRata = AllocationEngine.Allocate(Problem([60], demand, caps: Ratio("CN", ["MO"], "US", 0.5m), strategy: AllocationStrategy.ProRata));
        // Fifo: CN and MO are first in the queue with no US units to count on; US behind them opens 10 units of room,
        // which CN, the earlier, takes whole; MO stays held, and DE takes what is left.
        var fifo = AllocationEngine.Allocate(Problem([60], demand, caps: Ratio("CN", ["MO"], "US", 0.5m), strategy: AllocationStrategy.Fifo));

        Assert.Equal(10, proRata.Got("cn") + proRata.Got("mo"));
        Assert.Equal([20, 20], [proRata.Got("us"), proRata.Got("de")]);
        Assert.Equal([10, 0, 20, 20], [fifo.Got("cn"), fifo.Got("mo"), fifo.Got("us"), fifo.Got("de")]);
        Assert.Equal([StopReason.DestinationRatio, StopReason.DestinationRatio], [fifo.Line("cn").StoppedBy, fifo.Line("mo").StoppedBy]);
    }

    [Fact]
    public void GroupedRatio_WholeLots_NeverBreakTheSideSum()
    {
        // Lots of 4, 13 lots shared by US, DE, CN and MO with (CN + MO) ≤ 0.5 × US: continuously US and DE 5.2 lots, CN
        // and MO 1.3 each. The side's floors (a lot each) fit under US's; whatever lots move after that, CN + MO stays
        // within half of US in whole lots, as high as that allows.
        var outcome = AllocationEngine.Allocate(Problem([52],
            [Order("us", "U", 80, to: "US"), Order("cn", "C", 80, to: "CN"), Order("mo", "M", 80, to: "MO"), Order("de", "D", 80)],
            lotSize: 4, caps: Ratio("CN", ["MO"], "US", 0.5m)));

        var side = outcome.Got("cn") + outcome.Got("mo");
        Assert.True(side <= 0.5m * outcome.Got("us"), $"CN + MO {side} against US {outcome.Got("us")}");
        Assert.True(side + 4 > 0.5m * outcome.Got("us"), "the side should be as high as the ratio allows");
        Assert.True(outcome.Got("cn") >= 4 && outcome.Got("mo") >= 4, "each keeps at least the floor of its share");
        Assert.Equal(52, outcome.Got("us") + side + outcome.Got("de"));
    }

    [Fact]
    public void GroupedRatio_DoesNotDependOnTheOrderOfTogether()
    {
        DemandLine[] demand =
        [
            Order("cn", "C", 100, to: "CN"), Order("mo", "M", 100, weight: 2m, to: "MO"), Order("hk", "H", 7, to: "HK"),
            Order("us", "U", 100, to: "US"), Order("de", "D", 100, to: "DE"),
        ];

        var one = AllocationEngine.Allocate(Problem([97], demand, caps: Ratio("CN", ["MO", "HK"], "US", 0.6m)));
        var other = AllocationEngine.Allocate(Problem([97], demand, caps: Ratio("CN", ["HK", "MO"], "US", 0.6m)));

        Assert.Equal(Fingerprint.Of(one), Fingerprint.Of(other));
        Assert.True(one.Got("cn") + one.Got("mo") + one.Got("hk") <= 0.6m * one.Got("us"));
    }

    [Theory]
    [MemberData(nameof(BrokenGroups))]
    public void GroupedRatio_ThatBreaksTheRules_IsRejected_NamingTheField(string[] fields, DestinationRatio[] ratios)
    {
        var error = Assert.Throws<DomainValidationException>(() =>
            AllocationEngine.Allocate(Problem([10], [Order("a", "A", 1)], caps: new AllocationCaps(DestinationRatio: ratios))));

        Assert.Equal(fields, error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string[], DestinationRatio[]> BrokenGroups => new()
    {
        // A member equal to the destination, to the reference, not a country code, or listed twice.
        { ["caps.destinationRatio[0].together[0]"], [new("CN", "US", 0.5m, ["CN"])] },
        { ["caps.destinationRatio[0].together[1]"], [new("CN", "US", 0.5m, ["MO", "US"])] },
        { ["caps.destinationRatio[0].together[0]"], [new("CN", "US", 0.5m, ["mo"])] },
        { ["caps.destinationRatio[0].together[2]"], [new("CN", "US", 0.5m, ["MO", "HK", "MO"])] },
        // A member that is another ratio's reference (no chains), either way round.
        { ["caps.destinationRatio[1].relativeTo"], [new("CN", "US", 0.5m, ["MO"]), new("DE", "MO", 1m)] },
        { ["caps.destinationRatio[0].relativeTo"], [new("DE", "MO", 1m), new("CN", "US", 0.5m, ["MO"])] },
        // A country on the destination side of two ratios: in both together lists, or one's member and the other's destination.
        { ["caps.destinationRatio[1].together[0]"], [new("CN", "US", 0.5m, ["MO"]), new("HK", "DE", 0.5m, ["MO"])] },
        { ["caps.destinationRatio[1].destination"], [new("CN", "US", 0.5m, ["MO"]), new("MO", "DE", 0.5m)] },
        { ["caps.destinationRatio[1].together[0]"], [new("MO", "DE", 0.5m), new("CN", "US", 0.5m, ["MO"])] },
    };

    [Fact]
    public void GroupedRatio_Validation_SaysWhereTheCountryAlreadyIs()
    {
        var error = Assert.Throws<DomainValidationException>(() => AllocationEngine.Allocate(Problem([10], [Order("a", "A", 1)],
            caps: new AllocationCaps(DestinationRatio: [new("CN", "US", 0.5m, ["MO"]), new("HK", "DE", 0.5m, ["MO"]), new("NL", "MO", 1m)]))));

        Assert.Contains("caps.destinationRatio[0].together[0]", Assert.Single(error.Errors["caps.destinationRatio[1].together[0]"]));
        Assert.Contains("ratios do not chain", Assert.Single(error.Errors["caps.destinationRatio[2].relativeTo"]));
    }

    [Fact]
    public void GroupedRatio_WithAnEmptyOrNoTogether_IsAPlainRatio()
    {
        DemandLine[] demand = [Order("cn", "C", 100, to: "CN"), Order("mo", "M", 100, to: "MO"), Order("us", "U", 100, to: "US")];

        var plain = AllocationEngine.Allocate(Problem([90], demand, caps: Ratio("CN", "US", 0.5m)));
        var empty = AllocationEngine.Allocate(Problem([90], demand, caps: Ratio("CN", [], "US", 0.5m)));

        Assert.Equal(Fingerprint.Of(plain), Fingerprint.Of(empty));
        // CN at 0.5 λ, US and MO at λ: 2.5 λ = 90.
        Assert.Equal([18, 36, 36], [plain.Got("cn"), plain.Got("mo"), plain.Got("us")]);
    }
}
