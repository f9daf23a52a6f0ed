using CsCheck;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Tests.Allocation;

public class AllocationPropertyTests
{
    // Fixed counts keep the suite at a few seconds; a failure prints the seed that reproduces it.
    private const int Iterations = 600;

    [Fact]
    public void FairShare_KeepsEveryInvariant_OnRandomBooks() =>
        RandomBooks.FairShare.Sample(problem => AllocationInvariants.Hold(problem, AllocationEngine.Allocate(problem)),
            iter: Iterations, print: RandomBooks.Describe);

    [Fact]
    public void EveryStrategy_KeepsCapsPriorityAndWorkConservation_OnRandomBooks() =>
        RandomBooks.AnyStrategy.Sample(problem => AllocationInvariants.Hold(problem, AllocationEngine.Allocate(problem)),
            iter: Iterations, print: RandomBooks.Describe);

    [Fact]
    public void Outcome_DoesNotDependOnTheOrderTheDemandArrivesIn() =>
        Gen.Select(RandomBooks.AnyStrategy, Gen.Int).Sample((problem, seed) =>
        {
            var shuffled = problem.Demand.ToArray();
            new Random(seed).Shuffle(shuffled);
            var licences = problem.LicenseRemaining.Reverse().ToDictionary();
            // The caps arrive in another order too: ratios reversed (and the countries each counts together), quotas in
            // the opposite insertion order.
            var caps = problem.Caps with
            {
                CountryQuota = problem.Caps.CountryQuota?.Reverse().ToDictionary(),
                DestinationRatio = problem.Caps.DestinationRatio?.Reverse().Select(r => r with { Together = r.Together?.Reverse().ToList() }).ToList(),
            };
            Assert.Equal(
                Fingerprint.Of(AllocationEngine.Allocate(problem)),
                Fingerprint.Of(AllocationEngine.Allocate(problem with { Demand = shuffled, LicenseRemaining = licences, Caps = caps })));
        }, iter: Iterations, print: x => $"{RandomBooks.Describe(x.Item1)}shuffle seed {x.Item2}");

    [Fact]
    public void FairShare_SplittingAnOrderInTwo_ChangesNoCustomersAllocation() =>
        Gen.Select(RandomBooks.FairShare, Gen.Int[0, 1000], Gen.Int[1, 11]).Sample((problem, pick, cut) =>
        {
            var splittable = problem.Demand.Where(d => d.Remaining >= 2 * problem.LotSize).ToList();
            if (splittable.Count == 0) return;
            var order = splittable[pick % splittable.Count];
            var first = Math.Min(cut, order.Remaining / problem.LotSize - 1) * problem.LotSize;
            // The first piece keeps the id, the second sorts right after it: the customer's queue is otherwise unchanged.
            var split = problem.Demand.Where(d => d != order)
                .Append(order with { Remaining = first })
                .Append(order with { OrderId = order.OrderId + "~", Remaining = order.Remaining - first })
                .ToList();

            var whole = AllocationEngine.Allocate(problem);
            var pieces = AllocationEngine.Allocate(problem with { Demand = split });

            AllocationInvariants.Hold(problem with { Demand = split }, pieces);
            for (var k = 0; k < whole.Weeks.Count; k++)
            {
                Assert.Equal(PerCustomer(whole.Weeks[k]), PerCustomer(pieces.Weeks[k]));
            }
        }, iter: Iterations, print: x => $"{RandomBooks.Describe(x.Item1)}split pick {x.Item2} cut {x.Item3}");

    private static List<(string Customer, int Units)> PerCustomer(WeekAllocation week) =>
        week.Lines.GroupBy(l => l.CustomerId).Select(g => (g.Key, g.Sum(l => l.Quantity))).OrderBy(x => x.Key, StringComparer.Ordinal).ToList();
}
