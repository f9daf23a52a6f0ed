using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class FabCapacityGrainTests(ClusterFixture fixture)
{
    private readonly Given _given = new(fixture.Client);

    private static IsoWeek W(int week) => Given.Week.AddWeeks(week - 10);

    /// <summary>
    /// Shaped like the demo's tsmc-f18: 3000 wafer starts, rubin (1) 1200, blackwell (2) 1700, h200 (3) 400, so h200
    /// gets only the 100 left. Starts W10..W15, cycle time 2 weeks, flat yields, output W12..W17:
    /// rubin 1200 × 28 × 1.0 = 33600, blackwell 1700 × 34 × 1.0 = 57800, h200 100 × 89 × 0.5 = 4450 a week.
    /// </summary>
    private async Task<(string FabId, string Rubin, string Blackwell, string H200)> DemoLikeFab()
    {
        var rubin = await _given.ProductLine();
        var blackwell = await _given.ProductLine();
        var h200 = await _given.ProductLine();
        ProductLoad Load(string productLine, int priority, int wafers, int dies, decimal yield) =>
            new(productLine, priority, wafers, W(10), W(15), dies, yield, yield, W(10), 0, 2);
        var fabId = ClusterFixture.Unique("fab");
        await fixture.Client.GetGrain<IFabGrain>(fabId).Define(new FabDefinition("TSMC-like", "TW", 3000,
            [Load(h200, 3, 400, 89, 0.5m), Load(blackwell, 2, 1700, 34, 1m), Load(rubin, 1, 1200, 28, 1m)]));
        return (fabId, rubin, blackwell, h200);
    }

    /// <summary>Asserts the units the product line shows as produced in each week from <paramref name="fromWeek"/> on.</summary>
    private async Task AssertProduced(string productLine, int fromWeek, int[] expected)
    {
        var supply = (await fixture.Client.GetGrain<IProductLineGrain>(productLine).Get()).Supply;
        var produced = IsoWeek.Range(W(fromWeek), W(fromWeek + expected.Length - 1)).Select(w => supply.Where(s => s.Week == w).Sum(s => s.Produced));
        Assert.Equal(expected, produced);
    }

    [Fact]
    public async Task CapacityCut_ReducesOnlyTheLowestPriorityLine_FromACycleTimeAfterTheCut()
    {
        var (fabId, rubin, blackwell, h200) = await DemoLikeFab();
        await AssertProduced(h200, 12, [4450, 4450, 4450, 4450, 4450, 4450]);

        // From W12 the fab starts 2950: rubin 1200 and blackwell 1700 still fit, h200 gets 50 (50 × 89 × 0.5 = 2225).
        // Starts W12..W15 come out W14..W17; W12 and W13 output was started before the cut.
        var view = await fixture.Client.GetGrain<IFabGrain>(fabId).ChangeCapacity(new CapacityChange(W(12), 2950), "planner");

        Assert.Equal([new CapacityChange(W(12), 2950)], view.CapacityChanges);
        await AssertProduced(h200, 12, [4450, 4450, 2225, 2225, 2225, 2225]);
        await AssertProduced(rubin, 10, [0, 0, 33600, 33600, 33600, 33600, 33600, 33600, 0]);
        await AssertProduced(blackwell, 10, [0, 0, 57800, 57800, 57800, 57800, 57800, 57800, 0]);
    }

    [Fact]
    public async Task CapacityChange_ForAWeekAlreadyChanged_ReplacesIt()
    {
        var (fabId, _, _, h200) = await DemoLikeFab();
        var fab = fixture.Client.GetGrain<IFabGrain>(fabId);

        await fab.ChangeCapacity(new CapacityChange(W(12), 2950), "planner");
        // Back to 3000 from W12, and 2900 from W14 (h200 0 starts W14..W15 → nothing W16..W17).
        await fab.ChangeCapacity(new CapacityChange(W(14), 2900), "planner");
        var view = await fab.ChangeCapacity(new CapacityChange(W(12), 3000), "planner");

        Assert.Equal([new CapacityChange(W(12), 3000), new CapacityChange(W(14), 2900)], view.CapacityChanges);
        await AssertProduced(h200, 12, [4450, 4450, 4450, 4450, 0, 0]);
    }

    [Fact]
    public async Task Downtime_StopsStartsForEveryLine_AndTheirOutputDipsACycleTimeLater()
    {
        var (fabId, rubin, _, h200) = await DemoLikeFab();

        // No starts in W13: the W15 output of every line is gone; W13 and W14 still come out (started W11, W12).
        var view = await fixture.Client.GetGrain<IFabGrain>(fabId).PlanDowntime(new PlannedDowntime(W(13), W(13), "EUV source swap"), "planner");

        Assert.Equal([new PlannedDowntime(W(13), W(13), "EUV source swap")], view.Downtime);
        Assert.DoesNotContain(view.Output, o => o.Week == W(13) && o.WaferStarts > 0);
        await AssertProduced(h200, 12, [4450, 4450, 4450, 0, 4450, 4450]);
        await AssertProduced(rubin, 12, [33600, 33600, 33600, 0, 33600, 33600]);
    }

    [Fact]
    public async Task CapacityAndDowntime_OnAnUnknownFab_AreNotFound()
    {
        var fab = fixture.Client.GetGrain<IFabGrain>(ClusterFixture.Unique("fab"));

        await Assert.ThrowsAsync<NotFoundException>(() => fab.ChangeCapacity(new CapacityChange(W(12), 10), "planner"));
        await Assert.ThrowsAsync<NotFoundException>(() => fab.PlanDowntime(new PlannedDowntime(W(12), W(12), "x"), "planner"));
    }

    [Fact]
    public async Task BadCapacityOrDowntime_IsRefusedNamingTheFields_AndChangesNothing()
    {
        var (fabId, _, _, h200) = await DemoLikeFab();
        var fab = fixture.Client.GetGrain<IFabGrain>(fabId);

        var negative = await Assert.ThrowsAsync<DomainValidationException>(() => fab.ChangeCapacity(new CapacityChange(W(12), -1), "planner"));
        var backwards = await Assert.ThrowsAsync<DomainValidationException>(() => fab.PlanDowntime(new PlannedDowntime(W(13), W(12), ""), "planner"));

        Assert.Equal(["WafersPerWeek"], negative.Errors.Keys); // the HTTP layer camel-cases them
        Assert.Equal(["Reason", "ToWeek"], backwards.Errors.Keys.Order(StringComparer.Ordinal));
        var view = await fab.Get();
        Assert.Empty(view.CapacityChanges);
        Assert.Empty(view.Downtime);
        await AssertProduced(h200, 12, [4450, 4450, 4450, 4450, 4450, 4450]);
    }

    [Fact]
    public async Task CapacityChange_MakesAPreviewOfAProductLineItFeeds_Stale()
    {
        var (fabId, _, _, h200) = await DemoLikeFab();
        await _given.Order(await _given.Customer(), h200, 8000, week: W(12));
        var allocation = fixture.Client.GetGrain<IAllocationGrain>(h200);
        var preview = await allocation.Run(ClusterFixture.Unique("run"),
            new AllocationRunRequest(h200, W(12), W(17)), "planner");

        await fixture.Client.GetGrain<IFabGrain>(fabId).ChangeCapacity(new CapacityChange(W(12), 2950), "planner");

        Assert.Equal(RunStatus.Stale, (await fixture.Client.GetRunAsync(preview.Id)).Status);
        await Assert.ThrowsAsync<ConflictException>(() => allocation.Commit(preview.Id, "planner"));
    }
}
