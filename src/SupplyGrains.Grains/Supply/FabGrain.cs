using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Grains.Supply;

/// <summary>A fab: computes its output forecast from capacity and loads, and pushes it to the product lines it feeds.</summary>
public sealed class FabGrain(
    [PersistentState("fab", GrainStorage.Name)] IPersistentState<FabState> state) : Grain, IFabGrain
{
    private string Id => this.GetPrimaryKeyString();

    public async Task<FabView> Define(FabDefinition definition)
    {
        EntityId.Require(Id, "id");
        DomainValidation.Require(definition, "body");
        await RequireKnownProductLines(definition);

        var output = FabOutputPlan.Compute(definition);
        var before = state.State.Output.Select(o => o.ProductLine).ToHashSet();
        state.State.Definition = definition;
        state.State.Output = [.. output];
        await state.WriteStateAsync();

        // Every product line this fab fed or feeds now gets its new forecast (an empty one when it no longer runs here).
        // Pushing all of them, changed or not, makes a repeated Define the way to heal a push that failed earlier.
        var byProductLine = UnitsByProductLine(output);
        foreach (var productLine in before.Union(byProductLine.Keys))
            await GrainFactory.GetGrain<IProductLineGrain>(productLine).SetFabOutput(Id, byProductLine.GetValueOrDefault(productLine, []));
        return View();
    }

    public Task<FabView> ChangeCapacity(CapacityChange change, string by)
    {
        DomainValidation.Require(change, "body");
        return Replan(Defined().WithCapacityChange(change), by);
    }

    public async Task<FabView> PlanDowntime(PlannedDowntime downtime, string by)
    {
        DomainValidation.Require(downtime, "body");
        var definition = Defined();
        var planned = definition.WithDowntime(downtime);
        return ReferenceEquals(planned, definition) ? View() : await Replan(planned, by); // a retried request changes nothing
    }

    public Task<FabView> RemoveCapacityChange(IsoWeek fromWeek, string by)
    {
        var definition = Defined();
        var without = definition.WithoutCapacityChange(fromWeek);
        if (ReferenceEquals(without, definition)) throw new NotFoundException("capacity change", $"{fromWeek} of fab {Id}");
        return Replan(without, by);
    }

    public Task<FabView> RemoveDowntime(IsoWeek fromWeek, IsoWeek toWeek, string by)
    {
        var definition = Defined();
        var without = definition.WithoutDowntime(fromWeek, toWeek);
        if (ReferenceEquals(without, definition)) throw new NotFoundException("downtime", $"{fromWeek}..{toWeek} of fab {Id}");
        return Replan(without, by);
    }

    public Task<FabView> Get() => Task.FromResult(View());

    /// <summary>
    /// Recomputes the plan and pushes to the product lines whose forecast from this fab changed; a capacity change
    /// late in the horizon or a downtime that only cuts a lower-priority load leaves the others alone.
    /// </summary>
    private async Task<FabView> Replan(FabDefinition definition, string by)
    {
        var output = FabOutputPlan.Compute(definition);
        var before = UnitsByProductLine(state.State.Output);
        var after = UnitsByProductLine(output);
        state.State.Definition = definition;
        state.State.Output = [.. output];
        state.State.ChangedBy = by;
        await state.WriteStateAsync();

        foreach (var productLine in before.Keys.Union(after.Keys))
        {
            var units = after.GetValueOrDefault(productLine, []);
            if (units.SequenceEqual(before.GetValueOrDefault(productLine, []))) continue;
            await GrainFactory.GetGrain<IProductLineGrain>(productLine).SetFabOutput(Id, units);
        }
        return View();
    }

    /// <summary>Each product line's forecast from this fab: the weeks with units, in week order.</summary>
    private static Dictionary<string, List<WeeklyUnits>> UnitsByProductLine(IEnumerable<FabOutput> output) =>
        output
            .Where(o => o.Units > 0)
            .GroupBy(o => o.ProductLine, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.Week).Select(o => new WeeklyUnits(o.Week, o.Units)).ToList(), StringComparer.Ordinal);

    private FabDefinition Defined() => state.State.Definition ?? throw new NotFoundException("fab", Id);

    private async Task RequireKnownProductLines(FabDefinition definition)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < definition.Loads.Count; i++)
        {
            try
            {
                await GrainFactory.GetGrain<IProductLineGrain>(definition.Loads[i].ProductLine).GetDefinition();
            }
            catch (NotFoundException)
            {
                errors[$"loads[{i}].productLine"] = [$"unknown product line '{definition.Loads[i].ProductLine}'; define it first"];
            }
        }
        if (errors.Count > 0) throw new DomainValidationException(errors);
    }

    private FabView View() =>
        FabView.Of(Id, state.State.Definition ?? throw new NotFoundException("fab", Id), state.State.Output);
}
