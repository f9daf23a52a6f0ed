namespace SupplyGrains.Domain.Allocation;

/// <summary>Compares two runs' outcomes order by order and week by week, and explains each order's gain or loss.</summary>
public static class RunComparison
{
    /// <summary>What <paramref name="after"/> (run <paramref name="runId"/>) changed against <paramref name="before"/> (run <paramref name="againstRunId"/>).</summary>
    public static RunDiff Compare(string runId, AllocationOutcome after, string againstRunId, AllocationOutcome before)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(before);
        var previous = before.Orders.ToDictionary(o => o.OrderId, StringComparer.Ordinal);
        var current = after.Orders.ToDictionary(o => o.OrderId, StringComparer.Ordinal);
        var supplyBefore = before.Weeks.Sum(w => w.Supply);
        var supplyAfter = after.Weeks.Sum(w => w.Supply);

        var changes = new List<OrderChange>();
        var unchanged = 0;
        foreach (var orderId in previous.Keys.Union(current.Keys).Order(StringComparer.Ordinal))
        {
            var was = previous.GetValueOrDefault(orderId);
            var now = current.GetValueOrDefault(orderId);
            var change = (now?.Allocated ?? 0) - (was?.Allocated ?? 0);
            if (change == 0)
            {
                unchanged++;
                continue;
            }
            changes.Add(new OrderChange(orderId, (now ?? was)!.CustomerId, was?.Allocated ?? 0, now?.Allocated ?? 0, change,
                was?.StoppedBy, now?.StoppedBy, Explain(was, now, supplyBefore, supplyAfter)));
        }

        // Losses first, largest first: they are what a planner has to answer for.
        changes.Sort((a, b) => a.Change != b.Change ? a.Change.CompareTo(b.Change) : string.CompareOrdinal(a.OrderId, b.OrderId));
        return new RunDiff(runId, againstRunId, before.Weeks.Sum(w => w.Allocated), after.Weeks.Sum(w => w.Allocated),
            changes.Count(c => c.Change > 0), changes.Count(c => c.Change < 0), unchanged, CompareWeeks(before, after), changes);
    }

    private static List<WeekChange> CompareWeeks(AllocationOutcome before, AllocationOutcome after)
    {
        var previous = before.Weeks.ToDictionary(w => w.Week);
        var current = after.Weeks.ToDictionary(w => w.Week);
        return [.. previous.Keys.Union(current.Keys).Order().Select(week =>
        {
            var was = previous.GetValueOrDefault(week);
            var now = current.GetValueOrDefault(week);
            return new WeekChange(week, was?.Supply ?? 0, now?.Supply ?? 0, was?.Allocated ?? 0, now?.Allocated ?? 0);
        })];
    }

    // The facts both runs record about the order, in the order a planner asks about them: was it there at all, did it
    // still want as much, what stopped it, and did the supply move.
    private static string Explain(OrderAllocation? was, OrderAllocation? now, int supplyBefore, int supplyAfter)
    {
        if (was is null)
            return $"new in this run: not eligible in the other (not approved, not yet requested, or already confirmed); stopped by {now!.StoppedBy}";
        if (now is null)
            return "not in this run: no longer approved, already confirmed, or outside its weeks";

        var reasons = new List<string>();
        if (was.RemainingBefore != now.RemainingBefore)
            reasons.Add($"wanted {was.RemainingBefore} then, {now.RemainingBefore} now");
        reasons.Add(was.StoppedBy == now.StoppedBy
            ? $"stopped by {now.StoppedBy} in both"
            : $"stopped by {was.StoppedBy} then, by {now.StoppedBy} now");
        if (supplyBefore != supplyAfter)
            reasons.Add($"run supply {supplyBefore} then, {supplyAfter} now");
        else if (was.StoppedBy == now.StoppedBy && was.RemainingBefore == now.RemainingBefore)
            reasons.Add("same supply: other orders' demand or the caps changed");
        return string.Join("; ", reasons);
    }
}
