namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// A week whose supply to date fell below what is committed to date (confirmations plus units reserved for Win
/// orders), as it stood when the plan came to it: the figures a takeback's reason quotes.
/// </summary>
internal readonly record struct OverCommitment(IsoWeek Week, long SupplyToDate, long CommittedToDate, long ReservedToDate)
{
    public override string ToString() => ReservedToDate > 0
        ? $"week {Week}: supply {SupplyToDate} < committed {CommittedToDate} to date (of which {ReservedToDate} reserved for Win orders)"
        : $"week {Week}: supply {SupplyToDate} < committed {CommittedToDate} to date";
}
