using SupplyGrains.Domain.Allocation.Reallocation;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Tests.Reallocation;

/// <summary>
/// The rules of SPEC §4's re-allocation, checked on a plan against the ledger it was made from. The ledger after the
/// plan is recomputed here from the problem, the takebacks and the reservations, not read from the plan.
/// </summary>
internal static class ReallocationInvariants
{
    public static void Hold(ReallocationProblem problem, ReallocationPlan plan)
    {
        var ledger = new After(problem, plan);
        WholeLotsWithinTheirConfirmations(problem, plan, ledger);
        ReservationsAreForWinAndCovered(problem, plan, ledger);
        NoWeekOfTheRunIsOverCommitted(problem, plan, ledger);
        LoseGivesBackOnlyInAReallocation(problem, plan, ledger);
        StrongerClassesGiveOnlyWhenWeakerAreGone(plan, ledger);
        RedistributeStaysFairWithinALot(problem, plan, ledger);
        TakesNoMoreThanTheDeficitNeeds(problem, plan, ledger);
    }

    private static void WholeLotsWithinTheirConfirmations(ReallocationProblem problem, ReallocationPlan plan, After ledger)
    {
        foreach (var t in plan.Takebacks)
        {
            Assert.True(t.Quantity > 0 && t.Quantity % problem.LotSize == 0, $"{t} is not whole lots");
            var order = ledger.Orders[t.OrderId];
            Assert.Equal((order.ConfirmationClass, order.CustomerId), (t.Class, t.CustomerId));
            Assert.True(ledger.Held.ContainsKey(ledger.KeyOf(t)), $"{t} takes from a confirmation that does not exist");
            Assert.False(string.IsNullOrWhiteSpace(t.Reason));
            Assert.True(t.Week <= t.ForWeek || t.Cause == TakebackCause.LoseGivesBack, $"{t} takes from a week after the one it is for");
        }
        foreach (var (key, left) in ledger.Left) Assert.True(left >= 0, $"{key} gave back more than it held");
    }

    private static void ReservationsAreForWinAndCovered(ReallocationProblem problem, ReallocationPlan plan, After ledger)
    {
        foreach (var r in plan.Reservations)
        {
            var order = ledger.Orders[r.OrderId];
            Assert.Equal(ConfirmationClass.Win, order.ConfirmationClass);
            Assert.Equal(order.Unconfirmed, r.Wanted);
            Assert.Equal(IsoWeek.Max(order.RequestedWeek, problem.FromWeek), r.Week);
            Assert.True(r.Week <= problem.ToWeek);
            Assert.True(r.Reserved >= 0 && r.Reserved <= r.Wanted && r.Reserved % problem.LotSize == 0, $"{r} is not whole lots of what it wants");
            Assert.Equal(plan.Takebacks.Where(t => t.Cause == TakebackCause.ForWin && t.ForOrderId == r.OrderId).Sum(t => t.Quantity), r.Freed);
            Assert.Equal(r.Reserved < r.Wanted, r.Shortfall is not null);
            // Win gets what could be freed: short only when nothing weaker is left up to its week (or weeks after the run bind).
            if (r.Reserved < r.Wanted && order.LicenseId is null && !ledger.Weeks.Any(w => w > problem.ToWeek))
                Assert.True(ledger.WeakerLeftUpTo(ConfirmationClass.Win, r.Week) == 0, $"{r} is short while weaker classes still hold units");
        }
        foreach (var licence in plan.Reservations.Select(r => r.LicenseId).OfType<string>().Distinct())
        {
            var returned = plan.Takebacks.Where(t => t.LicenseId == licence).Sum(t => t.Quantity);
            Assert.True(plan.Reservations.Where(r => r.LicenseId == licence).Sum(r => r.Reserved) <= problem.LicenseRemaining.GetValueOrDefault(licence) + returned,
                $"reservations on {licence} exceed what it has left");
        }
    }

    private static void NoWeekOfTheRunIsOverCommitted(ReallocationProblem problem, ReallocationPlan plan, After ledger)
    {
        Assert.Equal(ledger.Weeks.Any(w => w <= problem.ToWeek && ledger.BalanceBefore(w) < 0), plan.IsReallocation);
        foreach (var week in ledger.Weeks)
        {
            if (week <= problem.ToWeek) Assert.True(ledger.BalanceAfter(week) >= 0, $"{week} is still over-committed: {ledger.BalanceAfter(week)}");
            else Assert.True(ledger.BalanceAfter(week) >= Math.Min(0, ledger.BalanceBefore(week)), $"{week}, after the run, was made worse");
        }
        Assert.Equal(ledger.Weeks, plan.Weeks.Select(w => w.Week));
        foreach (var w in plan.Weeks)
        {
            Assert.Equal(
                (problem.Produced.GetValueOrDefault(w.Week), ledger.BalanceBefore(w.Week), ledger.BalanceAfter(w.Week)),
                (w.Produced, (long)w.BalanceBefore, (long)w.BalanceAfter));
            Assert.Equal(plan.Reservations.Where(r => r.Week == w.Week).Sum(r => r.Reserved), w.Reserved);
            Assert.Equal(plan.Takebacks.Where(t => t.Week == w.Week).Sum(t => t.Quantity), w.TakenBack);
        }
    }

    private static void LoseGivesBackOnlyInAReallocation(ReallocationProblem problem, ReallocationPlan plan, After ledger)
    {
        if (!plan.IsReallocation)
        {
            Assert.Empty(plan.Takebacks);
            Assert.Empty(plan.Reservations);
            Assert.Empty(plan.ExcludedFromAllocation);
            return;
        }
        foreach (var (key, left) in ledger.Left)
        {
            if (ledger.Orders[key.OrderId].ConfirmationClass == ConfirmationClass.Lose && key.Week >= problem.FromWeek && key.Week <= problem.ToWeek)
                Assert.True(left == 0, $"Lose confirmation {key} kept {left} in a re-allocation");
        }
        Assert.All(plan.Takebacks.Where(t => t.Cause == TakebackCause.LoseGivesBack), t => Assert.Equal(ConfirmationClass.Lose, t.Class));
        Assert.Equal(
            problem.Orders.Where(o => o.ConfirmationClass is ConfirmationClass.Fill or ConfirmationClass.Lose).Select(o => o.OrderId).Order(StringComparer.Ordinal),
            plan.ExcludedFromAllocation);
    }

    /// <summary>A class gives up units for week w only when every weaker class holds nothing in weeks up to w; Win never gives for Win.</summary>
    private static void StrongerClassesGiveOnlyWhenWeakerAreGone(ReallocationPlan plan, After ledger)
    {
        foreach (var t in plan.Takebacks.Where(t => t.Cause != TakebackCause.LoseGivesBack))
        {
            if (t.Cause == TakebackCause.ForWin) Assert.NotEqual(ConfirmationClass.Win, t.Class);
            var weaker = ledger.WeakerLeftUpTo(t.Class, t.ForWeek);
            Assert.True(weaker == 0, $"{t.Class} gave {t.Quantity} for {t.ForWeek} while weaker classes still hold {weaker} by then");
            if (t.Class == ConfirmationClass.Win)
                Assert.All(plan.Reservations.Where(r => r.Week <= t.ForWeek), r => Assert.Equal(0, r.Reserved));
        }
    }

    /// <summary>
    /// After a customer's last Redistribute loss (for week w), no other customer holds more per unit of weight in weeks
    /// up to w than it does plus one lot: the cut was made from the top down.
    /// </summary>
    private static void RedistributeStaysFairWithinALot(ReallocationProblem problem, ReallocationPlan plan, After ledger)
    {
        var weights = problem.Orders.GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => g.First().Weight);
        var customers = problem.Orders.Where(o => o.ConfirmationClass == ConfirmationClass.Redistribute).Select(o => o.CustomerId).Distinct().ToList();
        foreach (var loser in plan.Takebacks.Where(t => t.Class == ConfirmationClass.Redistribute).GroupBy(t => t.CustomerId))
        {
            var week = loser.Max(t => t.ForWeek);
            var kept = ledger.RedistributeLeftUpTo(loser.Key, week);
            foreach (var other in customers)
            {
                var theirs = ledger.RedistributeLeftUpTo(other, week);
                Assert.True((kept + problem.LotSize) * weights[other] >= theirs * weights[loser.Key],
                    $"{loser.Key} (weight {weights[loser.Key]}) kept {kept} by {week} while {other} (weight {weights[other]}) kept {theirs}");
            }
        }
    }

    /// <summary>
    /// Without Win reservations, walking the weeks in order takes exactly the worst deficit left after Lose gave back,
    /// rounded up to a lot: every week is mended only as far as it must be.
    /// </summary>
    private static void TakesNoMoreThanTheDeficitNeeds(ReallocationProblem problem, ReallocationPlan plan, After ledger)
    {
        if (!plan.IsReallocation || plan.Reservations.Any(r => r.Reserved > 0 || r.Freed > 0)) return;
        long worst = 0, balance = 0;
        foreach (var week in ledger.Weeks.Where(w => w <= problem.ToWeek))
        {
            balance += ledger.ProducedIn(week) - ledger.CommittedIn(week)
                + plan.Takebacks.Where(t => t.Week == week && t.Cause == TakebackCause.LoseGivesBack).Sum(t => t.Quantity);
            worst = Math.Max(worst, -balance);
        }
        var lot = problem.LotSize;
        Assert.Equal((worst + lot - 1) / lot * lot, plan.Takebacks.Where(t => t.Cause == TakebackCause.OverCommitted).Sum(t => (long)t.Quantity));
    }

    /// <summary>The ledger before and after a plan, recomputed from the problem, the takebacks and the reservations.</summary>
    private sealed class After
    {
        private readonly ReallocationProblem _problem;
        private readonly ReallocationPlan _plan;

        public After(ReallocationProblem problem, ReallocationPlan plan)
        {
            _problem = problem;
            _plan = plan;
            Orders = problem.Orders.ToDictionary(o => o.OrderId);
            Held = problem.Orders
                .SelectMany(o => o.Confirmations.Select(c => (Key: (o.OrderId, c.Week, c.RunId, c.LicenseId), c.Quantity)))
                .GroupBy(x => x.Key)
                .ToDictionary(g => g.Key, g => g.Sum(x => (long)x.Quantity));
            var taken = plan.Takebacks.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.Sum(t => (long)t.Quantity));
            Left = Held.ToDictionary(h => h.Key, h => h.Value - taken.GetValueOrDefault(h.Key));
            Weeks = [.. problem.Produced.Keys.Concat(Held.Keys.Select(k => k.Week)).Concat(plan.Reservations.Select(r => r.Week)).Distinct().Order()];
        }

        public Dictionary<string, OrderHolding> Orders { get; }

        public Dictionary<(string OrderId, IsoWeek Week, string RunId, string? LicenseId), long> Held { get; }

        public Dictionary<(string OrderId, IsoWeek Week, string RunId, string? LicenseId), long> Left { get; }

        public List<IsoWeek> Weeks { get; }

        public (string OrderId, IsoWeek Week, string RunId, string? LicenseId) KeyOf(Takeback t) => (t.OrderId, t.Week, t.RunId, t.LicenseId);

        public long ProducedIn(IsoWeek week) => _problem.Produced.GetValueOrDefault(week);

        public long CommittedIn(IsoWeek week) => Held.Where(h => h.Key.Week == week).Sum(h => h.Value);

        public long BalanceBefore(IsoWeek week) => Weeks.Where(w => w <= week).Sum(w => ProducedIn(w) - CommittedIn(w));

        public long BalanceAfter(IsoWeek week) =>
            Weeks.Where(w => w <= week).Sum(w => ProducedIn(w) - Left.Where(l => l.Key.Week == w).Sum(l => l.Value)
                - _plan.Reservations.Where(r => r.Week == w).Sum(r => (long)r.Reserved));

        /// <summary>Units still held after the plan, in weeks up to <paramref name="week"/>, by classes weaker than <paramref name="confirmationClass"/>.</summary>
        public long WeakerLeftUpTo(ConfirmationClass confirmationClass, IsoWeek week) =>
            Left.Where(l => l.Key.Week <= week && Orders[l.Key.OrderId].ConfirmationClass > confirmationClass).Sum(l => l.Value);

        public long RedistributeLeftUpTo(string customerId, IsoWeek week) =>
            Left.Where(l => l.Key.Week <= week && Orders[l.Key.OrderId] is { ConfirmationClass: ConfirmationClass.Redistribute } o && o.CustomerId == customerId)
                .Sum(l => l.Value);
    }
}
