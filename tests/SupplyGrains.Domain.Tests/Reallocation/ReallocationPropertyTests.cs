using CsCheck;
using SupplyGrains.Domain.Allocation.Reallocation;

namespace SupplyGrains.Domain.Tests.Reallocation;

public class ReallocationPropertyTests
{
    // Fixed counts keep the suite at a few seconds; a failure prints the seed and the ledger that reproduce it.
    private const int Iterations = 2000;

    [Fact]
    public void Plan_KeepsEveryReallocationRule_OnRandomLedgers() =>
        RandomLedgers.Problems.Sample(problem => ReallocationInvariants.Hold(problem, ReallocationPlanner.Plan(problem)),
            iter: Iterations, print: RandomLedgers.Describe);

    [Fact]
    public void Plan_KeepsEveryReallocationRule_OnLedgersFullOfWinDemand() =>
        RandomLedgers.WinHeavy.Sample(problem => ReallocationInvariants.Hold(problem, ReallocationPlanner.Plan(problem)),
            iter: Iterations, print: RandomLedgers.Describe);

    [Fact]
    public void Plan_TakesNothingBack_WhenNothingIsOverCommitted() =>
        RandomLedgers.Balanced.Sample(problem =>
        {
            var plan = ReallocationPlanner.Plan(problem);

            Assert.False(plan.IsReallocation);
            Assert.Empty(plan.Takebacks);
            Assert.Empty(plan.Reservations);
            Assert.Empty(plan.ExcludedFromAllocation);
            Assert.All(plan.Weeks, w => Assert.Equal(w.BalanceBefore, w.BalanceAfter));
        }, iter: Iterations, print: RandomLedgers.Describe);

    [Fact]
    public void Plan_DoesNotDependOnTheOrderItsInputArrivesIn() =>
        Gen.Select(Gen.OneOf(RandomLedgers.Problems, RandomLedgers.WinHeavy), Gen.Int).Sample((problem, seed) =>
        {
            var random = new Random(seed);
            var orders = problem.Orders.Select(o =>
            {
                var confirmations = o.Confirmations.ToArray();
                random.Shuffle(confirmations);
                return o with { Confirmations = confirmations };
            }).ToArray();
            random.Shuffle(orders);
            var produced = problem.Produced.ToArray();
            random.Shuffle(produced);
            var shuffled = problem with
            {
                Orders = orders,
                Produced = produced.ToDictionary(),
                LicenseRemaining = problem.LicenseRemaining.Reverse().ToDictionary(),
            };

            Assert.Equal(RandomLedgers.Fingerprint(ReallocationPlanner.Plan(problem)), RandomLedgers.Fingerprint(ReallocationPlanner.Plan(shuffled)));
        }, iter: Iterations, print: x => $"{RandomLedgers.Describe(x.Item1)}shuffle seed {x.Item2}");
}
