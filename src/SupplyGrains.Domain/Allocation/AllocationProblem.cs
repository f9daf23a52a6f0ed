namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// Everything one run needs, and nothing else: the weeks, the supply each week releases (carried inventory is
/// the engine's business), the lot size, the approved demand, licence quantities left and the caps.
/// </summary>
public sealed record AllocationProblem(
    IsoWeek FromWeek,
    IsoWeek ToWeek,
    IReadOnlyDictionary<IsoWeek, int> ReleasedSupply,
    int LotSize,
    IReadOnlyList<DemandLine> Demand,
    IReadOnlyDictionary<string, int> LicenseRemaining,
    AllocationCaps Caps,
    AllocationStrategy Strategy = AllocationStrategy.FairShare);
