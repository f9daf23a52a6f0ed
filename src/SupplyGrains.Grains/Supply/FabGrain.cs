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
        var byProductLine = output.ToLookup(o => o.ProductLine);
        foreach (var productLine in before.Union(byProductLine.Select(g => g.Key)))
        {
            var units = byProductLine[productLine].Where(o => o.Units > 0).Select(o => new WeeklyUnits(o.Week, o.Units)).ToList();
            await GrainFactory.GetGrain<IProductLineGrain>(productLine).SetFabOutput(Id, units);
        }
        return View();
    }

    public Task<FabView> Get() => Task.FromResult(View());

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
