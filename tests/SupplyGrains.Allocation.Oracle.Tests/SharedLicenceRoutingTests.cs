using CsCheck;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// An engine finding: when a customer can be served both under a shared licence and another way (no licence, or
/// another licence), the engine spends the shared licence in that customer's queue order, so a customer that has
/// only that licence ends up below its max-min share without being stopped by anything of its own. Exact max-min
/// serves the first customer the other way and leaves the licence to the second.
/// </summary>
public class SharedLicenceRoutingTests
{
    private const string Finding =
        "Engine finding, not fixed in src/: FairShare spends a shared licence in the customer's queue order even when the customer "
        + "could be served another way, so a customer that has only that licence falls below its max-min share "
        + "(the random test's seed 5kR01EofVzP1: c1, whose only licence is L0, gets 0 lots where the LP gives 3; "
        + "reproduce with seed: \"5kR01EofVzP1\" in Sample). Enable when the engine routes around shared licences.";

    [Fact(Skip = Finding)]
    public void FairShare_LeavesASharedLicenceToTheCustomerThatHasNoOtherRoute()
    {
        // a's first order is under L (room 5), its second needs no licence; b has only L. 20 units for 20 + 10 wanted.
        var week = IsoWeek.Parse("2026-W10");
        var opening = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        DemandLine Line(string order, string customer, int minute, string? licence) =>
            new(order, customer, 1, 1m, 0, week, opening.AddMinutes(minute), 10, "DE", licence);
        var problem = new AllocationProblem(week, week, new Dictionary<IsoWeek, int> { [week] = 20 }, 1,
            [Line("a-1", "a", 0, "L"), Line("a-2", "a", 1, null), Line("b-1", "b", 2, "L")],
            new Dictionary<string, int> { ["L"] = 5 }, AllocationCaps.None);

        var outcome = AllocationEngine.Allocate(problem);

        // Max-min: b gets all of L (5), a gets 10 elsewhere. Queue order gives a 2.5 of L first, and b only 2 or 3.
        Assert.Equal(5, outcome.Weeks[0].Lines.Where(l => l.CustomerId == "b").Sum(l => l.Quantity));
        Assert.Equal(10, outcome.Weeks[0].Lines.Where(l => l.CustomerId == "a").Sum(l => l.Quantity));
    }

    [Fact(Skip = Finding)]
    public void FairShare_MatchesTheLpOracleWithinOneLot_WhenCustomersCanBeServedUnderSeveralLicences() =>
        OracleBooks.Books(new BookShape(OneRoutePerCustomer: false)).Sample(
            problem => FairShareOracleTests.AssertAgrees(problem, AllocationEngine.Allocate(problem)),
            iter: 400, print: OracleBooks.Describe);
}
