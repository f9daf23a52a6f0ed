using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Supply;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Catalog;

/// <summary>
/// A product line: its definition and its supply ledger (fab output, adjustments, commitments, releases). Order intake
/// holds the definition for a short lease (<see cref="ReadLease"/>): a redefinition is acknowledged only once every lease
/// on the definition before it has run out, so no order is checked against the old lot size afterwards.
/// </summary>
public sealed class ProductLineGrain(
    [PersistentState("productLine", GrainStorage.Name)] IPersistentState<ProductLineState> state,
    SupplyGrainsMetrics metrics,
    TimeProvider clock) : Grain, IProductLineGrain
{
    // What GetDefinition answers from: the definition as last stored. GetDefinition interleaves with the wait for the
    // leases, and Define changes the state before writing it: a definition must not be handed out before it is durable.
    private ProductLineDefinition? _stored;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = state.State.Definition;
        Report();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.WithdrawSupply(Id);
        return Task.CompletedTask;
    }

    public async Task<ProductLineView> Define(ProductLineDefinition definition)
    {
        EntityId.Require(Id, "id");
        DomainValidation.Require(definition, "body");
        if (state.State.Definition != definition)
        {
            var firstTime = state.State.Definition is null;
            state.State.Definition = definition;
            await Save();
            _stored = definition;
            // Nobody can hold a lease on a product line that was not defined: only a redefinition waits.
            if (firstTime) await GrainFactory.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.Key).Register(Id);
            else await ReadLease.WaitOut(clock);
        }
        return View();
    }

    public Task<ProductLineView> Get() => Task.FromResult(View());

    public Task<ProductLineDefinition> GetDefinition() => Task.FromResult(_stored ?? throw new NotFoundException("product line", Id));

    public Task<SupplySnapshot> GetSupply()
    {
        var definition = RequireDefinition();
        return Task.FromResult(new SupplySnapshot(definition.LotSize, Ledger().Produced, Committed(), state.State.Version));
    }

    public async Task<ProductLineView> Adjust(SupplyAdjustment adjustment, string by, string adjustmentId)
    {
        RequireDefinition();
        DomainValidation.Require(adjustment, "body");
        adjustment = adjustment with { Reason = adjustment.Reason.Trim() };
        if (state.State.Adjustments.Find(a => a.Id == adjustmentId) is { } recorded)
        {
            // Checked before the ledger: a retry must get its answer even once the week can no longer take the units.
            if (recorded.ToAdjustment() != adjustment)
                throw new ConflictException($"Adjustment '{adjustmentId}' was already recorded with different content.");
            return View();
        }
        Ledger().RequireAdmits(adjustment);
        state.State.Adjustments.Add(new RecordedAdjustment(adjustment.Week, adjustment.Units, adjustment.Reason, by, clock.GetUtcNow(), adjustmentId));
        await Save(); // the version moves and the produced units with it: previews that read the old supply go stale
        return View();
    }

    public async Task SetFabOutput(string fabId, IReadOnlyList<WeeklyUnits> output)
    {
        var units = output.Where(o => o.Units != 0).ToDictionary(o => o.Week, o => o.Units);
        var known = state.State.FabOutput.TryGetValue(fabId, out var before);
        if (known && before!.Count == units.Count && !before.Except(units).Any()) return;
        if (units.Count == 0) state.State.FabOutput.Remove(fabId);
        else state.State.FabOutput[fabId] = units;
        await Save();
    }

    public async Task Commit(string entryId, IReadOnlyList<WeeklyUnits> units)
    {
        if (state.State.Commitments.ContainsKey(entryId)) return;
        state.State.Commitments[entryId] = units.ToDictionary(u => u.Week, u => u.Units);
        await Save();
    }

    public async Task Release(string entryId, IReadOnlyList<WeeklyUnits> units)
    {
        if (state.State.Releases.ContainsKey(entryId)) return;
        state.State.Releases[entryId] = units.ToDictionary(u => u.Week, u => u.Units);
        await Save();
    }

    private async Task Save()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        Report();
    }

    private ProductLineDefinition RequireDefinition() =>
        state.State.Definition ?? throw new NotFoundException("product line", Id);

    private ProductLineView View() =>
        ProductLineView.Of(Id, RequireDefinition(), Ledger().Weeks, [.. state.State.Adjustments]);

    private SupplyLedger Ledger() => SupplyLedger.Of(
        state.State.FabOutput.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<IsoWeek, int>)f.Value),
        state.State.Adjustments.Select(a => a.ToAdjustment()),
        Committed());

    private Dictionary<IsoWeek, int> Committed()
    {
        var committed = Sum(state.State.Commitments.Values);
        foreach (var (week, units) in Sum(state.State.Releases.Values))
            committed[week] = committed.GetValueOrDefault(week) - units;
        return committed;
    }

    private static Dictionary<IsoWeek, int> Sum(IEnumerable<Dictionary<IsoWeek, int>> parts)
    {
        var total = new Dictionary<IsoWeek, int>();
        foreach (var part in parts)
            foreach (var (week, units) in part)
                total[week] = total.GetValueOrDefault(week) + units;
        return total;
    }

    private void Report()
    {
        if (state.State.Definition is null) return;
        var weeks = Ledger().Weeks;
        metrics.ReportSupply(Id, [.. weeks.Select(w => (w.Week, (long)w.Produced, (long)w.Committed))], weeks.Count(w => w.OverCommitted));
    }
}
