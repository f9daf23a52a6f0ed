using SupplyGrains.Domain.Allocation.Reallocation;
using SupplyGrains.Domain.Orders;
using static SupplyGrains.Domain.Tests.Reallocation.Ledger;

namespace SupplyGrains.Domain.Tests.Reallocation;

public class ReallocationPlannerTests
{
    private static readonly OrderHolding[] OneOfEachClass =
    [
        Order("o-win", "c-win", ConfirmationClass.Win, Confirmed(0, 200)),
        Order("o-gain", "c-gain", ConfirmationClass.Gain, Confirmed(0, 200)),
        Order("o-redistribute", "c-redistribute", ConfirmationClass.Redistribute, Confirmed(0, 200)),
        Order("o-fill", "c-fill", ConfirmationClass.Fill, Confirmed(0, 200)),
        Order("o-lose", "c-lose", ConfirmationClass.Lose, Confirmed(0, 200)),
    ];

    [Fact]
    public void SupplyCut_InOneWeek_TakesFromLoseThenFill_AndLeavesStrongerClassesWhole()
    {
        // 1000 committed, supply cut to 700: Lose gives its 200 back, Fill the 100 still missing.
        var plan = ReallocationPlanner.Plan(Problem([700], OneOfEachClass));

        Assert.True(plan.IsReallocation);
        Assert.Equal(200, plan.TakenBack("o-lose", TakebackCause.LoseGivesBack));
        Assert.Equal(100, plan.TakenBack("o-fill", TakebackCause.OverCommitted));
        Assert.Equal(0, plan.TakenBack("o-redistribute") + plan.TakenBack("o-gain") + plan.TakenBack("o-win"));
        Assert.Equal(0, plan.At(0).BalanceAfter);
        Assert.Equal(-300, plan.At(0).BalanceBefore);
        Assert.Equal(["o-fill", "o-lose"], plan.ExcludedFromAllocation);

        var fill = plan.Takebacks.Single(t => t.OrderId == "o-fill");
        Assert.Equal("week 2026-W10: supply 700 < committed 800 to date; Fill gives back once no Lose is left", fill.Reason);
        Assert.Equal((ConfirmationClass.Fill, "run-1", Week(0)), (fill.Class, fill.RunId, fill.ForWeek));
        Assert.Equal("re-allocation (week 2026-W10: supply 700 < committed 1000 to date); Lose gives everything back",
            plan.Takebacks.Single(t => t.OrderId == "o-lose").Reason);
    }

    [Fact]
    public void DeepSupplyCut_ReachesGainAndWinOnlyAfterEveryWeakerClassIsGone()
    {
        var plan = ReallocationPlanner.Plan(Problem([150], OneOfEachClass));

        Assert.Equal(200, plan.TakenBack("o-lose"));
        Assert.Equal(200, plan.TakenBack("o-fill"));
        Assert.Equal(200, plan.TakenBack("o-redistribute"));
        Assert.Equal(200, plan.TakenBack("o-gain"));
        Assert.Equal(50, plan.TakenBack("o-win")); // 850 short: a whole lot more than the 50 still missing after Gain
        Assert.EndsWith("Win gives back last: nothing weaker is left", plan.Takebacks.Single(t => t.OrderId == "o-win").Reason);
        Assert.Equal(0, plan.At(0).BalanceAfter);
    }

    [Fact]
    public void Lose_GivesEverythingBack_EvenBeyondTheDeficit()
    {
        var plan = ReallocationPlanner.Plan(Problem([950], OneOfEachClass));

        Assert.Equal(200, plan.TakenBack("o-lose"));
        Assert.Equal(0, plan.TakenBack("o-fill"));
        Assert.Equal(150, plan.At(0).BalanceAfter);
    }

    [Fact]
    public void DeficitThatIsNotWholeLots_TakesTheNextWholeLot()
    {
        var orders = new[] { Order("o-fill", "c1", ConfirmationClass.Fill, Confirmed(0, 100)) };

        var plan = ReallocationPlanner.Plan(Problem([93], orders));

        Assert.Equal(10, plan.TakenBack("o-fill"));
        Assert.Equal(3, plan.At(0).BalanceAfter);
    }

    [Fact]
    public void CutSpanningWeeks_TakesLaterWeeksFirst_AndReachesBackToEarlierWeeks()
    {
        // Production 100, 50, 0 against 100 committed each week: week 2 is 50 short, week 3 a further 100.
        var orders = new[]
        {
            Order("o-r", "c1", ConfirmationClass.Redistribute, Confirmed(0, 50), Confirmed(1, 50), Confirmed(2, 50)),
            Order("o-g", "c2", ConfirmationClass.Gain, Confirmed(0, 50), Confirmed(1, 50), Confirmed(2, 50)),
        };

        var plan = ReallocationPlanner.Plan(Problem([100, 50, 0], orders));

        Assert.Equal(
            [(Week(1), 50, Week(1)), (Week(0), 50, Week(2)), (Week(2), 50, Week(2))],
            plan.Takebacks.Select(t => (t.Week, t.Quantity, t.ForWeek)));
        Assert.All(plan.Takebacks, t => Assert.Equal("o-r", t.OrderId));
        Assert.Equal(0, plan.TakenBack("o-g"));
        Assert.Equal([50, 50, 0], plan.Weeks.Select(w => w.BalanceAfter));
    }

    [Fact]
    public void ClassOrder_GoesBeforeWeekOrder()
    {
        // Week 2 is short; the Fill confirmation of week 1 goes before the Redistribute one of week 2.
        var orders = new[]
        {
            Order("o-fill", "c1", ConfirmationClass.Fill, Confirmed(0, 50)),
            Order("o-r", "c2", ConfirmationClass.Redistribute, Confirmed(1, 50)),
        };

        var plan = ReallocationPlanner.Plan(Problem([50, 0], orders));

        Assert.Equal(50, plan.TakenBack("o-fill", week: 0));
        Assert.Equal(0, plan.TakenBack("o-r"));
    }

    [Fact]
    public void Redistribute_GivesByWeightedFairShare()
    {
        // 120 committed, 60 produced. c1 (weight 2) holds 80, c2 (weight 1) 40: cutting 60 leaves 40 and 20, equal per weight.
        OrderHolding[] orders =
        [
            Order("o-1", "c1", ConfirmationClass.Redistribute, Confirmed(0, 80)) with { Weight = 2m },
            Order("o-2", "c2", ConfirmationClass.Redistribute, Confirmed(0, 40)),
        ];

        var plan = ReallocationPlanner.Plan(Problem([60], orders));

        Assert.Equal(40, plan.TakenBack("o-1"));
        Assert.Equal(20, plan.TakenBack("o-2"));
        Assert.Contains("weighted fair share (c1 held the most per unit of weight)", plan.Takebacks.Single(t => t.OrderId == "o-1").Reason);
    }

    [Fact]
    public void Win_WithUnconfirmedDemand_TakesFromRedistributeByFairShare()
    {
        // 100 committed to two Redistribute customers, supply cut to 90, and a Win order still wants 30 from week 1.
        OrderHolding[] orders =
        [
            Order("o-1", "c1", ConfirmationClass.Redistribute, Confirmed(0, 60)),
            Order("o-2", "c2", ConfirmationClass.Redistribute, Confirmed(0, 40)),
            Order("o-win", "c3", ConfirmationClass.Win) with { Unconfirmed = 30 },
        ];

        var plan = ReallocationPlanner.Plan(Problem([90], orders));

        // The cut takes 10 from c1 (60 > 40); Win's 30 then come 10 from c1 (50 > 40), 10 from c1 (40 = 40, c1 first by id), 10 from c2.
        Assert.Equal(10, plan.TakenBack("o-1", TakebackCause.OverCommitted));
        Assert.Equal(20, plan.TakenBack("o-1", TakebackCause.ForWin));
        Assert.Equal(10, plan.TakenBack("o-2", TakebackCause.ForWin));
        var reservation = Assert.Single(plan.Reservations);
        Assert.Equal(new WinReservation("o-win", "c3", Week(0), 30, 30, 30, null, null), reservation);
        Assert.All(plan.Takebacks.Where(t => t.Cause == TakebackCause.ForWin), t => Assert.Equal("o-win", t.ForOrderId));
        Assert.StartsWith("taken for Win order o-win, which must be confirmed in full from week 2026-W10",
            plan.Takebacks.First(t => t.Cause == TakebackCause.ForWin).Reason);
        Assert.Equal((0, 30), (plan.At(0).BalanceAfter, plan.At(0).Reserved));
        Assert.Equal(30, plan.ReservedFor("o-win"));
    }

    [Fact]
    public void Win_UsesFreeSupplyFirst_AndTakesOnlyWhatIsMissing()
    {
        OrderHolding[] orders =
        [
            Order("o-fill", "c1", ConfirmationClass.Fill, Confirmed(0, 50)),
            Order("o-lose", "c2", ConfirmationClass.Lose, Confirmed(1, 30)),
            Order("o-win", "c3", ConfirmationClass.Win) with { Unconfirmed = 40 },
        ];

        // Week 2 produces nothing and Lose over-commits it; once Lose gave back, week 1 has 20 free and Fill gives the other 20.
        var plan = ReallocationPlanner.Plan(Problem([70, 0], orders));

        Assert.Equal(30, plan.TakenBack("o-lose"));
        Assert.Equal(20, plan.TakenBack("o-fill", TakebackCause.ForWin));
        Assert.Equal((40, 20), (plan.Reservations.Single().Reserved, plan.Reservations.Single().Freed));
    }

    [Fact]
    public void Win_NeverTakesFromAnotherWin()
    {
        OrderHolding[] orders =
        [
            Order("o-a", "c1", ConfirmationClass.Win, Confirmed(0, 100)),
            Order("o-b", "c2", ConfirmationClass.Win) with { Unconfirmed = 20 },
        ];

        var plan = ReallocationPlanner.Plan(Problem([90], orders));

        Assert.Equal(10, plan.TakenBack("o-a", TakebackCause.OverCommitted));
        var reservation = Assert.Single(plan.Reservations);
        Assert.Equal(0, reservation.Reserved);
        Assert.Contains("cover only 0", reservation.Shortfall);
    }

    [Fact]
    public void Win_IsCappedByWhatItsLicenceHasLeft()
    {
        OrderHolding[] orders =
        [
            Order("o-fill", "c1", ConfirmationClass.Fill, Confirmed(0, 100)),
            Order("o-win", "c2", ConfirmationClass.Win) with { Unconfirmed = 50, LicenseId = "lic-1" },
        ];

        var plan = ReallocationPlanner.Plan(Problem([90], orders, licences: new Dictionary<string, int> { ["lic-1"] = 25 }));

        var reservation = Assert.Single(plan.Reservations);
        Assert.Equal((50, 20), (reservation.Wanted, reservation.Reserved));
        Assert.Equal("licence lic-1 covers only 20 more units", reservation.Shortfall);
        Assert.Equal(30, plan.TakenBack("o-fill")); // 10 for the cut, 20 for Win
    }

    [Fact]
    public void WinReservation_ShrinksForALaterShortWeek_BeforeAnyWinConfirmationGoes()
    {
        // Week 1: 100 produced, Fill 50; a Win order wants 50 from week 1. Week 2: nothing produced, a Win order holds 60.
        OrderHolding[] orders =
        [
            Order("o-fill", "c1", ConfirmationClass.Fill, Confirmed(0, 50)),
            Order("o-new", "c2", ConfirmationClass.Win) with { Unconfirmed = 50 },
            Order("o-held", "c3", ConfirmationClass.Win, Confirmed(1, 60)),
        ];

        var plan = ReallocationPlanner.Plan(Problem([100, 0], orders));

        // Week 1's 50 free units are reserved for the new Win order. Week 2 is then 60 short: Fill gives its 50, the
        // reservation the other 10, and the Win order holding week 2 keeps its 60.
        Assert.Equal(50, plan.TakenBack("o-fill"));
        Assert.Equal(0, plan.TakenBack("o-held"));
        Assert.Equal(40, plan.Reservations.Single().Reserved);
        Assert.Contains("given up for week 2026-W11", plan.Reservations.Single().Shortfall);
        Assert.Equal([60, 0], plan.Weeks.Select(w => w.BalanceAfter));
    }

    [Fact]
    public void WinReservation_NeverBreaksACommitmentAfterTheRun()
    {
        // The run covers weeks 1–2; Lose over-commits week 2. Week 3, after the run, holds a Gain confirmation that
        // counts on week 1's production: of the 100 the Win order wants in week 2, only 70 can be made room for.
        OrderHolding[] orders =
        [
            Order("o-fill", "c1", ConfirmationClass.Fill, Confirmed(0, 60)),
            Order("o-lose", "c2", ConfirmationClass.Lose, Confirmed(1, 50)),
            Order("o-gain", "c3", ConfirmationClass.Gain, Confirmed(2, 30)),
            Order("o-win", "c4", ConfirmationClass.Win) with { Unconfirmed = 100, RequestedWeek = Week(1) },
        ];

        var plan = ReallocationPlanner.Plan(Problem([100, 0, 0], orders, toWeek: 1));

        var reservation = Assert.Single(plan.Reservations);
        Assert.Equal((Week(1), 70, 60), (reservation.Week, reservation.Reserved, reservation.Freed));
        Assert.Equal("weeks after 2026-W11 already count on the rest of the supply", reservation.Shortfall);
        Assert.Equal(0, plan.TakenBack("o-gain"));
        Assert.Equal(0, plan.At(2).BalanceAfter);
    }

    [Fact]
    public void Lose_BeforeTheRun_GivesBackOnlyWhatTheDeficitNeeds()
    {
        OrderHolding[] orders =
        [
            Order("o-lose", "c1", ConfirmationClass.Lose, Confirmed(0, 50), Confirmed(1, 50)),
        ];

        var plan = ReallocationPlanner.Plan(Problem([50, 30], orders, fromWeek: 1));

        Assert.Equal(50, plan.TakenBack("o-lose", TakebackCause.LoseGivesBack, week: 1));
        Assert.Equal(0, plan.TakenBack("o-lose", week: 0));
    }

    [Fact]
    public void NothingOverCommitted_ChangesNothing()
    {
        OrderHolding[] orders =
        [
            .. OneOfEachClass,
            Order("o-win-2", "c-win-2", ConfirmationClass.Win) with { Unconfirmed = 100 },
        ];

        var plan = ReallocationPlanner.Plan(Problem([1000, 0], orders));

        Assert.False(plan.IsReallocation);
        Assert.Empty(plan.Takebacks);
        Assert.Empty(plan.Reservations);
        Assert.Empty(plan.ExcludedFromAllocation);
        Assert.False(plan.ExcludesFromAllocation(ConfirmationClass.Lose));
        Assert.All(plan.Weeks, w => Assert.Equal(w.BalanceBefore, w.BalanceAfter));
    }

    [Fact]
    public void OverCommitmentAfterTheRun_IsNotThisRunsToMend()
    {
        var orders = new[] { Order("o-lose", "c1", ConfirmationClass.Lose, Confirmed(0, 50), Confirmed(1, 50)) };

        var plan = ReallocationPlanner.Plan(Problem([50, 0], orders, toWeek: 0));

        Assert.False(plan.IsReallocation);
        Assert.Empty(plan.Takebacks);
    }

    [Theory]
    [InlineData("lotSize")]
    [InlineData("toWeek")]
    [InlineData("produced[2026-W10]")]
    [InlineData("orders[0].confirmationClass")]
    [InlineData("orders[0].unconfirmed")]
    [InlineData("orders[0].confirmations[1].quantity")]
    [InlineData("orders[1].orderId")]
    [InlineData("orders[1].weight")]
    public void InvalidInput_IsRefused_NamingTheField(string field)
    {
        var valid = Problem([100], [Order("o-1", "c1", ConfirmationClass.Fill, Confirmed(0, 10), Confirmed(0, 20, "run-2")), Order("o-2", "c2", ConfirmationClass.Gain)]);
        var first = valid.Orders[0];
        var problem = field switch
        {
            "lotSize" => valid with { LotSize = 0 },
            "toWeek" => valid with { ToWeek = Week(-1) },
            "produced[2026-W10]" => valid with { Produced = new Dictionary<IsoWeek, int> { [Week(0)] = -5 } },
            "orders[0].confirmationClass" => valid with { Orders = [first with { ConfirmationClass = (ConfirmationClass)42 }, valid.Orders[1]] },
            "orders[0].unconfirmed" => valid with { Orders = [first with { Unconfirmed = -10 }, valid.Orders[1]] },
            "orders[0].confirmations[1].quantity" => valid with { Orders = [first with { Confirmations = [Confirmed(0, 10), Confirmed(0, 15)] }, valid.Orders[1]] },
            "orders[1].orderId" => valid with { Orders = [first, valid.Orders[1] with { OrderId = "o-1" }] },
            "orders[1].weight" => valid with { Orders = [first, valid.Orders[1] with { Weight = 0m }] },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var error = Assert.Throws<DomainValidationException>(() => ReallocationPlanner.Plan(problem));

        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void CustomerWithTwoWeights_IsRefused()
    {
        var problem = Problem([100], [Order("o-1", "c1", ConfirmationClass.Gain), Order("o-2", "c1", ConfirmationClass.Gain) with { Weight = 2m }]);

        var error = Assert.Throws<DomainValidationException>(() => ReallocationPlanner.Plan(problem));

        Assert.Contains("orders[1].weight", error.Errors.Keys);
    }
}
