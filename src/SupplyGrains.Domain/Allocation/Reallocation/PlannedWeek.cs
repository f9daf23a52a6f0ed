namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// One week of the product line's ledger before and after a re-allocation plan: produced, committed, taken back,
/// reserved for Win orders, and the cumulative balance (produced − committed to date) on each side.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.PlannedWeek")]
public sealed record PlannedWeek(
    IsoWeek Week,
    int Produced,
    int CommittedBefore,
    int TakenBack,
    int Reserved,
    int BalanceBefore,
    int BalanceAfter)
{
    public int CommittedAfter => CommittedBefore - TakenBack + Reserved;

    public bool OverCommittedBefore => BalanceBefore < 0;

    public bool OverCommittedAfter => BalanceAfter < 0;
}
