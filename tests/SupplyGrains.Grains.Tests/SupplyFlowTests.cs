using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class SupplyFlowTests(ClusterFixture fixture)
{
    private readonly Given _given = new(fixture.Client);

    [Fact]
    public async Task FabOutput_FlowsToTheProductLinesItFeeds_ByPriority()
    {
        var rubin = await _given.ProductLine();
        var h200 = await _given.ProductLine();
        var w = Given.Week;
        var fab = new FabDefinition("TSMC test", "TW", 100, [
            new ProductLoad(h200, 2, 60, w, w.AddWeeks(1), 10, 0.5m, 0.5m, w, 0, 1),
            new ProductLoad(rubin, 1, 70, w, w.AddWeeks(1), 10, 1m, 1m, w, 0, 1),
        ]);

        var view = await fixture.Client.GetGrain<IFabGrain>(ClusterFixture.Unique("fab")).Define(fab);

        Assert.Contains(view.Output, o => o.ProductLine == h200 && o.Week == w && o.WaferStarts == 30);
        var h200Supply = (await fixture.Client.GetGrain<IProductLineGrain>(h200).Get()).Supply;
        Assert.Equal([(w.AddWeeks(1), 150), (w.AddWeeks(2), 150)], h200Supply.Select(s => (s.Week, s.Produced)));
        Assert.Equal([150, 300], h200Supply.Select(s => s.Available)); // unallocated units carry forward
        var rubinSupply = (await fixture.Client.GetGrain<IProductLineGrain>(rubin).Get()).Supply;
        Assert.All(rubinSupply, s => Assert.Equal(700, s.Produced));
    }

    [Fact]
    public async Task RedefiningAFab_ReplacesItsEarlierForecast()
    {
        var pl = await _given.ProductLine();
        var fabId = await _given.Supply(pl, 80, weeks: 2);
        var w = Given.Week;

        await fixture.Client.GetGrain<IFabGrain>(fabId).Define(new FabDefinition("Test fab", "TW", 1000,
            [new ProductLoad(pl, 1, 8, w, w, 1, 1m, 1m, w, 0, 0)]));

        var supply = (await fixture.Client.GetGrain<IProductLineGrain>(pl).Get()).Supply;
        Assert.Equal([(w, 8)], supply.Select(s => (s.Week, s.Produced)));
    }

    [Fact]
    public async Task Fab_ForUnknownProductLine_IsRefusedNamingTheLoad()
    {
        var w = Given.Week;
        var fab = new FabDefinition("f", "TW", 10, [new ProductLoad("no-such-line", 1, 1, w, w, 1, 1m, 1m, w, 0, 0)]);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => fixture.Client.GetGrain<IFabGrain>(ClusterFixture.Unique("fab")).Define(fab));

        Assert.Contains("loads[0].productLine", error.Errors.Keys);
    }
}
