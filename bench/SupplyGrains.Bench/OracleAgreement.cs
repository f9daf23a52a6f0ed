using SupplyGrains.Allocation.Oracle.Tests;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Bench;

/// <summary>How closely the engine and the oracle agree on one book, both ways the oracle tests compare them.</summary>
public sealed record OracleAgreement(int Customers, long LargestRunGapLots, ReplayReport Replay)
{
    public bool Agrees => LargestRunGapLots <= 1 && Replay.Agrees;

    public static OracleAgreement Check(AllocationProblem problem)
    {
        var engine = AllocationEngine.Allocate(problem);
        var oracle = OracleRun.Allocate(problem);
        long largest = 0;
        var customers = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < oracle.Count; k++)
        {
            var engineLots = engine.Weeks[k].Lines.GroupBy(l => l.CustomerId)
                .ToDictionary(g => g.Key, g => g.Sum(l => (long)l.Quantity) / problem.LotSize, StringComparer.Ordinal);
            foreach (var customer in engineLots.Keys.Union(oracle[k].CustomerLots.Keys))
            {
                customers.Add(customer);
                largest = Math.Max(largest, Math.Abs(engineLots.GetValueOrDefault(customer) - oracle[k].CustomerLots.GetValueOrDefault(customer)));
            }
        }
        return new OracleAgreement(customers.Count, largest, EngineReplay.Compare(problem, engine));
    }

    public override string ToString() =>
        $"{Customers} customers; oracle's own run vs engine: largest gap {LargestRunGapLots} lot(s); "
        + $"replay (engine state, continuous LP): {Replay}; {(Agrees ? "AGREE within one lot per customer" : "DISAGREE")}";
}
