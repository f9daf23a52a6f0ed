namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// How run <see cref="RunId"/> differs from run <see cref="AgainstRunId"/> of the same product line: the change in
/// units allocated, week by week, and every order that gained or lost, with why.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.RunDiff")]
public sealed record RunDiff(
    string RunId,
    string AgainstRunId,
    int AllocatedBefore,
    int AllocatedAfter,
    int Gained,
    int Lost,
    int Unchanged,
    IReadOnlyList<WeekChange> Weeks,
    IReadOnlyList<OrderChange> Orders);
