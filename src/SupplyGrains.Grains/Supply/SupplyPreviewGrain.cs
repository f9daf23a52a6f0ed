using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Grains.Supply;

/// <summary>
/// Previews a product line's supply under hypothetical fab changes and adjustments. Stateless and read-only: it reads
/// the product line and the named fabs through <c>Get</c>, replans those fabs in memory with the same rules as
/// <see cref="FabGrain"/>, and writes nothing, so any silo may run any number of previews side by side. It calls no
/// grain that could call back, so it cannot deadlock.
/// </summary>
[StatelessWorker]
public sealed class SupplyPreviewGrain : Grain, ISupplyPreviewGrain
{
    private string Id => this.GetPrimaryKeyString();

    public async Task<SupplyPreview> Preview(SupplyWhatIf whatIf)
    {
        DomainValidation.Require(whatIf, "body");
        var productLine = await GrainFactory.GetGrain<IProductLineGrain>(Id).Get();
        var fabs = await WhatIfFabs(whatIf);

        // Every fab keeps the output it gives this line now, except the changed ones, replanned.
        var fabOutput = productLine.Supply
            .SelectMany(w => (w.ProducedByFab ?? new Dictionary<string, int>()).Select(f => (Fab: f.Key, w.Week, Units: f.Value)))
            .GroupBy(x => x.Fab, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<IsoWeek, int>)g.ToDictionary(x => x.Week, x => x.Units), StringComparer.Ordinal);
        foreach (var (fab, definition) in fabs)
        {
            var output = FabOutputPlan.Compute(definition)
                .Where(o => o.ProductLine == Id && o.Units > 0)
                .ToDictionary(o => o.Week, o => o.Units);
            if (output.Count > 0) fabOutput[fab] = output;
            else fabOutput.Remove(fab); // gives this line nothing under the what-if (or never fed it)
        }

        // Every week the ledger has now stays in the preview, so the two lists line up row by row.
        var committed = productLine.Supply.ToDictionary(w => w.Week, w => w.Committed);
        var adjustments = productLine.Adjustments.Select(a => a.ToAdjustment()).ToList();
        var hypothetical = whatIf.Adjustments ?? [];
        for (var i = 0; i < hypothetical.Count; i++)
        {
            // The same rule as a recorded adjustment: no week below zero produced, counting the changes before it.
            try
            {
                SupplyLedger.Of(fabOutput, adjustments, committed).RequireAdmits(hypothetical[i]);
            }
            catch (DomainValidationException e)
            {
                throw new DomainValidationException($"adjustments[{i}].units", string.Join(" ", e.Errors.Values.SelectMany(m => m)));
            }
            adjustments.Add(hypothetical[i]);
        }

        var whatIfWeeks = SupplyLedger.Of(fabOutput, adjustments, committed).Weeks;
        return new SupplyPreview(Id, productLine.Supply, whatIfWeeks, Changed(productLine.Supply, whatIfWeeks));
    }

    /// <summary>The definitions of the fabs the what-if names, with its capacity changes and downtime applied in order.</summary>
    private async Task<Dictionary<string, FabDefinition>> WhatIfFabs(SupplyWhatIf whatIf)
    {
        var capacity = whatIf.CapacityChanges ?? [];
        var downtime = whatIf.Downtime ?? [];
        var named = capacity.Select((c, i) => (c.Fab, Field: $"capacityChanges[{i}].fab"))
            .Concat(downtime.Select((d, i) => (d.Fab, Field: $"downtime[{i}].fab")))
            .ToList();

        var fabs = new Dictionary<string, FabDefinition>(StringComparer.Ordinal);
        foreach (var fab in named.Select(n => n.Fab).Distinct(StringComparer.Ordinal))
        {
            try
            {
                var view = await GrainFactory.GetGrain<IFabGrain>(fab).Get();
                fabs[fab] = new FabDefinition(view.Name, view.Country, view.WaferStartsPerWeek, view.Loads, view.CapacityChanges, view.Downtime);
            }
            catch (NotFoundException)
            {
                // Named below, at every place the what-if mentions it.
            }
        }
        var unknown = named.Where(n => !fabs.ContainsKey(n.Fab)).ToDictionary(n => n.Field, n => new[] { $"unknown fab '{n.Fab}'; define it first" });
        if (unknown.Count > 0) throw new DomainValidationException(unknown);

        // The same rules as FabGrain.ChangeCapacity and PlanDowntime, applied in the what-if's order.
        foreach (var change in capacity) fabs[change.Fab] = fabs[change.Fab].WithCapacityChange(change.ToChange());
        foreach (var stop in downtime) fabs[stop.Fab] = fabs[stop.Fab].WithDowntime(stop.ToDowntime());
        return fabs;
    }

    /// <summary>The weeks whose produced, available or over-committed units differ between the two ledgers, in week order.</summary>
    private static List<IsoWeek> Changed(IReadOnlyList<SupplyWeek> now, IReadOnlyList<SupplyWeek> whatIf)
    {
        var before = now.ToDictionary(w => w.Week);
        return [.. whatIf
            .Where(w => !before.TryGetValue(w.Week, out var b)
                || (b.Produced, b.Available, b.OverCommitted) != (w.Produced, w.Available, w.OverCommitted))
            .Select(w => w.Week)];
    }
}
