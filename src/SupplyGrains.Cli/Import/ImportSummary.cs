using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Cli.Import;

/// <summary>An import's result: how many rows were accepted (Approved), held (OnHold), rejected or failed, the reasons, and every row.</summary>
public sealed record ImportSummary(
    string File,
    int Rows,
    int Accepted,
    int Held,
    int Rejected,
    int Failed,
    IReadOnlyDictionary<string, int> HeldBy,
    IReadOnlyDictionary<string, int> RejectedBy,
    IReadOnlyList<RowOutcome> Orders)
{
    public static ImportSummary Of(string file, IReadOnlyList<RowOutcome> outcomes) => new(
        file,
        outcomes.Count,
        outcomes.Count(o => o.Status == OrderStatus.Approved),
        outcomes.Count(o => o.Status == OrderStatus.OnHold),
        outcomes.Count(o => o.Status == OrderStatus.Rejected),
        outcomes.Count(o => o.Error is not null),
        ByReason(outcomes, OrderStatus.OnHold),
        ByReason(outcomes, OrderStatus.Rejected),
        outcomes);

    private static SortedDictionary<string, int> ByReason(IEnumerable<RowOutcome> outcomes, OrderStatus status) =>
        new(outcomes.Where(o => o.Status == status).SelectMany(o => o.Reasons.Distinct()).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count()),
            StringComparer.Ordinal);
}
