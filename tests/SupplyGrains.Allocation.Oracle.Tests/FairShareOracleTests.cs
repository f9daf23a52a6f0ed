using CsCheck;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// FairShare against the LP oracle on random books: per week and tier, every customer within one lot of the exact
/// answer. Each customer's orders share one licence (or none), while several customers share each licence: where a
/// customer can be served more than one way the engine is not max-min (see <see cref="SharedLicenceRoutingTests"/>).
/// </summary>
public class FairShareOracleTests
{
    // A few hundred books keep the project at a few seconds on two shared cores; a failure prints the seed.
    private const int Iterations = 400;

    [Fact]
    public void FairShare_MatchesTheLpOracleWithinOneLot_WithSharedLicencesShareCapsTiersAndWeeks() =>
        OracleBooks.Books(new BookShape(OneRoutePerCustomer: true)).Sample(
            problem => AssertAgrees(problem, AllocationEngine.Allocate(problem)),
            iter: Iterations, print: OracleBooks.Describe);

    internal static void AssertAgrees(AllocationProblem problem, AllocationOutcome outcome)
    {
        var report = EngineReplay.Compare(problem, outcome);
        Assert.True(report.Agrees, report.ToString());
    }
}
