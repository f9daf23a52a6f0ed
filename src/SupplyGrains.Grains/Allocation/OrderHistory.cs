using System.Globalization;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// An order's allocation events for its audit, rebuilt from what the allocation keeps anyway: each committed run's
/// confirmations (those still held plus those taken off since), then each takeback and release.
/// </summary>
internal static class OrderHistory
{
    public static IReadOnlyList<AuditEvent> Of(
        string orderId, List<Confirmation>? held, List<ConfirmationRemoval>? removed, IReadOnlyList<RunSummary> runs)
    {
        var confirmed = (held ?? []).Concat((removed ?? []).Select(r => r.Taken))
            .GroupBy(c => c.RunId)
            .ToDictionary(g => g.Key, g => g.GroupBy(c => c.Week).OrderBy(w => w.Key).Select(w => (Week: w.Key, Units: w.Sum(c => c.Quantity))).ToList());
        var events = new List<AuditEvent>();
        foreach (var run in runs)
        {
            if (!confirmed.TryGetValue(run.Id, out var weeks)) continue;
            var by = run.CommittedBy ?? run.CreatedBy ?? "unknown";
            events.Add(new AuditEvent(run.CommittedAt ?? run.CreatedAt, by, "Confirmed",
                $"{weeks.Sum(w => w.Units)} units confirmed by run {run.Id} ({run.Strategy}; " +
                string.Join(", ", weeks.Select(w => $"{w.Week}: {w.Units.ToString(CultureInfo.InvariantCulture)}")) +
                $"), run by {run.CreatedBy ?? "unknown"} at {run.CreatedAt:yyyy-MM-dd HH:mm:ss}Z, committed by {by}"));
        }
        foreach (var r in removed ?? [])
            events.Add(new AuditEvent(r.At, r.By, r.Kind, $"{r.Taken.Quantity} units of {r.Taken.Week} (confirmed by run {r.Taken.RunId}) off the order: {r.Reason}"));
        return [.. events.OrderBy(e => e.At)];
    }
}
