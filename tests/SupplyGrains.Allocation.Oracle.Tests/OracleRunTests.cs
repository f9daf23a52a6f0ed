using CsCheck;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// The oracle's own run (its LP, its rounding, its carried supply, licences and quotas, week after week) against the
/// engine's: the same lots allocated each week, and every customer within one lot. Unlike <see cref="EngineReplay"/>,
/// nothing is taken from the engine, so a difference could compound from week to week; none has been seen.
/// </summary>
public class OracleRunTests
{
    [Fact]
    public void OracleRun_AgreesWithTheEngineWithinOneLotPerCustomerAndWeek() =>
        OracleBooks.Books(new BookShape(OneRoutePerCustomer: true)).Sample(AssertRunsAgree, iter: 1000, print: OracleBooks.Describe);

    [Fact]
    public void OracleRun_AgreesWithTheEngineWithinOneLotPerCustomerAndWeek_WithCountryQuotas() =>
        OracleBooks.Books(new BookShape(OneRoutePerCustomer: true, CountryQuotas: true)).Sample(AssertRunsAgree, iter: 1000, print: OracleBooks.Describe);

    private static void AssertRunsAgree(AllocationProblem problem)
    {
        var engine = AllocationEngine.Allocate(problem);
        var oracle = OracleRun.Allocate(problem);

        Assert.Equal(engine.Weeks.Count, oracle.Count);
        for (var k = 0; k < oracle.Count; k++)
        {
            Assert.Equal(engine.Weeks[k].Allocated / problem.LotSize, oracle[k].CustomerLots.Values.Sum());
            var engineLots = engine.Weeks[k].Lines.GroupBy(l => l.CustomerId).ToDictionary(g => g.Key, g => g.Sum(l => (long)l.Quantity) / problem.LotSize);
            foreach (var customer in engineLots.Keys.Union(oracle[k].CustomerLots.Keys))
            {
                var (e, o) = (engineLots.GetValueOrDefault(customer), oracle[k].CustomerLots.GetValueOrDefault(customer));
                Assert.True(Math.Abs(e - o) <= 1, $"{oracle[k].Week}: {customer} got {e} lots from the engine, {o} from the oracle");
            }
        }
    }
}
