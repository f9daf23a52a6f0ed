using BenchmarkDotNet.Attributes;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Bench;

/// <summary>
/// FairShare over 12 weeks with licence caps, maxCustomerShare and (once the engine has it) a destination ratio, at
/// 10k orders / 1k customers, 100k / 10k and 1M / 100k. Targets: 100k ≤ 100 ms, 1M ≤ 1.5 s, allocation ≤ 2× input.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class EngineScalingBenchmarks
{
    private AllocationProblem _problem = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Orders { get; set; }

    [ParamsSource(nameof(CapSets))]
    public CapSet Caps { get; set; }

    public static IEnumerable<CapSet> CapSets => EngineSupport.CapSets;

    [GlobalSetup]
    public void BuildBook() => _problem = SyntheticBook.Create(Orders, Caps);

    [Benchmark]
    public AllocationOutcome FairShare() => AllocationEngine.Allocate(_problem);
}
