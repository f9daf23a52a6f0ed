namespace SupplyGrains.Domain.Supply;

/// <summary>
/// The supply arithmetic of a fab (SPEC §2): each week its wafer starts go to loads in priority order, each up to
/// what it wants, until capacity is used; a load's output in week w is
/// <c>min(floor(starts(w - cycleTime) * diesPerWafer * yield(w)), packagingUnitsPerWeek)</c>.
/// Capacity is <see cref="FabDefinition.CapacityIn"/>: capacity changes and planned downtime stop starts, not output,
/// so their effect on units arrives a cycle time later.
/// </summary>
public static class FabOutputPlan
{
    public static IReadOnlyList<FabOutput> Compute(FabDefinition fab)
    {
        if (fab.Loads.Count == 0) return [];
        // Lower priority first; ties go to the product line id, then the earlier load, so the plan is deterministic.
        var loads = fab.Loads
            .Select((load, index) => (load, index))
            .OrderBy(x => x.load.Priority).ThenBy(x => x.load.ProductLine, StringComparer.Ordinal).ThenBy(x => x.index)
            .Select(x => x.load)
            .ToArray();
        var first = loads.Min(l => l.FromWeek);
        var last = loads.Max(l => l.ToWeek);

        var rows = new SortedDictionary<(IsoWeek Week, string ProductLine), (int Starts, int Units)>();
        void Add(IsoWeek week, string productLine, int starts, int units)
        {
            rows.TryGetValue((week, productLine), out var row);
            rows[(week, productLine)] = (row.Starts + starts, row.Units + units);
        }

        foreach (var week in IsoWeek.Range(first, last))
        {
            var capacity = fab.CapacityIn(week);
            foreach (var load in loads)
            {
                if (!load.RunsIn(week) || capacity <= 0) continue;
                var starts = Math.Min(load.WafersPerWeek, capacity);
                capacity -= starts;
                if (starts == 0) continue;
                var outputWeek = week.AddWeeks(load.CycleTimeWeeks);
                var units = (int)Math.Floor(starts * load.DiesPerWafer * load.YieldAt(outputWeek));
                if (load.PackagingUnitsPerWeek is { } cap) units = Math.Min(units, cap);
                Add(week, load.ProductLine, starts, 0);
                Add(outputWeek, load.ProductLine, 0, units);
            }
        }

        return rows.Select(r => new FabOutput(r.Key.Week, r.Key.ProductLine, r.Value.Starts, r.Value.Units)).ToList();
    }
}
