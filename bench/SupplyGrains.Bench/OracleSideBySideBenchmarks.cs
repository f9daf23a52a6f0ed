using BenchmarkDotNet.Attributes;
using SupplyGrains.Allocation.Oracle.Tests;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Bench;

/// <summary>
/// The LP oracle (iterated GLOP, then the same rounding) against the engine on the same single-week book, licences
/// and share cap, at 1k and 10k orders (and 30k, to show where the gap is heading). Before measuring, the setup checks the two answers agree within one lot per
/// customer and prints it; it refuses to time two different answers.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class OracleSideBySideBenchmarks
{
    private AllocationProblem _problem = null!;

    [Params(1_000, 10_000, 30_000)]
    public int Orders { get; set; }

    [GlobalSetup]
    public void BuildAndCompare()
    {
        _problem = SyntheticBook.Create(Orders, CapSet.LicenceAndShare, weeks: 1);
        var agreement = OracleAgreement.Check(_problem);
        Console.WriteLine($"// oracle vs engine at {Orders} orders: {agreement}");
        if (!agreement.Agrees) throw new InvalidOperationException($"The oracle and the engine disagree at {Orders} orders: {agreement}");
    }

    [Benchmark(Baseline = true)]
    public AllocationOutcome Engine() => AllocationEngine.Allocate(_problem);

    [Benchmark]
    public IReadOnlyList<OracleWeek> LpOracle() => OracleRun.Allocate(_problem);
}
