using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class SupplyPreviewTests(ClusterFixture fixture)
{
    private readonly Given _given = new(fixture.Client);

    private static IsoWeek W(int week) => Given.Week.AddWeeks(week - 10);

    /// <summary>
    /// 100 wafer starts a week over W10..W13, 3 dies a wafer at yield 0.5, cycle time 2: <c>high</c> (priority 1)
    /// wants 60 and gets 60 (90 units), <c>low</c> (priority 2) wants 60 and gets the 40 left (60 units), W12..W15.
    /// </summary>
    private async Task<(string Fab, string High, string Low)> TwoLineFab()
    {
        var high = await _given.ProductLine();
        var low = await _given.ProductLine();
        ProductLoad Load(string productLine, int priority) => new(productLine, priority, 60, W(10), W(13), 3, 0.5m, 0.5m, W(10), 0, 2);
        var fab = ClusterFixture.Unique("fab");
        await fixture.Client.GetGrain<IFabGrain>(fab).Define(new FabDefinition("Test fab", "TW", 100, [Load(high, 1), Load(low, 2)]));
        return (fab, high, low);
    }

    private Task<SupplyPreview> Preview(string productLine, SupplyWhatIf whatIf) =>
        fixture.Client.GetGrain<ISupplyPreviewGrain>(productLine).Preview(whatIf);

    /// <summary>A ledger row as text, fab by fab: records compare their ProducedByFab dictionaries by reference.</summary>
    private static string Row(SupplyWeek w) =>
        $"{w.Week} produced {w.Produced} committed {w.Committed} available {w.Available} over {w.OverCommitted} adjusted {w.Adjusted} " +
        $"in {w.CarriedIn} out {w.CarriedOut} fabs [{string.Join(", ", (w.ProducedByFab ?? new Dictionary<string, int>()).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"))}]";

    private static string[] Rows(IEnumerable<SupplyWeek> weeks) => [.. weeks.Select(Row)];

    private static int ProducedIn(IEnumerable<SupplyWeek> weeks, IsoWeek week) => weeks.Where(w => w.Week == week).Sum(w => w.Produced);

    [Fact]
    public async Task CapacityCut_PreviewShowsTheLowerOutputACycleTimeLater_AndChangesNothing()
    {
        var (fab, high, low) = await TwoLineFab();
        var before = await fixture.Client.GetGrain<IProductLineGrain>(low).Get();
        var fabBefore = await fixture.Client.GetGrain<IFabGrain>(fab).Get();

        // 80 starts from W11: high keeps its 60, low gets 20 (20 × 3 × 0.5 = 30 units) from W11's starts, out W13..W15.
        var preview = await Preview(low, new SupplyWhatIf(CapacityChanges: [new FabCapacityWhatIf(fab, W(11), 80)]));

        Assert.Equal(low, preview.ProductLine);
        Assert.Equal(Rows(before.Supply), Rows(preview.Weeks));
        Assert.Equal([60, 60, 60, 60], IsoWeek.Range(W(12), W(15)).Select(w => ProducedIn(preview.Weeks, w)));
        Assert.Equal([60, 30, 30, 30], IsoWeek.Range(W(12), W(15)).Select(w => ProducedIn(preview.WhatIfWeeks, w)));
        Assert.Equal([W(13), W(14), W(15)], preview.ChangedWeeks);

        // Nothing was written: the fab and the ledger are as they were, and the high line's preview changes nothing.
        var fabAfter = await fixture.Client.GetGrain<IFabGrain>(fab).Get();
        Assert.Empty(fabAfter.CapacityChanges);
        Assert.Equal(fabBefore.Output, fabAfter.Output);
        Assert.Equal(Rows(before.Supply), Rows((await fixture.Client.GetGrain<IProductLineGrain>(low).Get()).Supply));
        Assert.Empty((await Preview(high, new SupplyWhatIf(CapacityChanges: [new FabCapacityWhatIf(fab, W(11), 80)]))).ChangedWeeks);

        // The preview predicts the change: once made, the real ledger is the preview's what-if.
        await fixture.Client.GetGrain<IFabGrain>(fab).ChangeCapacity(new CapacityChange(W(11), 80), "planner");
        Assert.Equal(Rows(preview.WhatIfWeeks), Rows((await fixture.Client.GetGrain<IProductLineGrain>(low).Get()).Supply));
    }

    [Fact]
    public async Task CapacityChange_ForAWeekAlreadyChanged_ReplacesItInThePreview()
    {
        var (fab, _, low) = await TwoLineFab();
        await fixture.Client.GetGrain<IFabGrain>(fab).ChangeCapacity(new CapacityChange(W(11), 80), "planner");

        // Back to 100 from W11 (low gets its 40 again) and downtime in W12 (no starts, nothing out in W14).
        var preview = await Preview(low, new SupplyWhatIf(
            CapacityChanges: [new FabCapacityWhatIf(fab, W(11), 100)],
            Downtime: [new FabDowntimeWhatIf(fab, W(12), W(12), "scanner upgrade")]));

        Assert.Equal([60, 30, 30, 30], IsoWeek.Range(W(12), W(15)).Select(w => ProducedIn(preview.Weeks, w)));
        Assert.Equal([60, 60, 0, 60], IsoWeek.Range(W(12), W(15)).Select(w => ProducedIn(preview.WhatIfWeeks, w)));
        Assert.Equal([W(13), W(14), W(15)], preview.ChangedWeeks);
    }

    [Fact]
    public async Task WhatIfAdjustment_ThatOverCommitsACommittedWeek_ShowsOverCommittedOnlyInTheWhatIf()
    {
        var (_, _, low) = await TwoLineFab();
        var line = fixture.Client.GetGrain<IProductLineGrain>(low);
        // W12..W15 produce 60 each (240); 200 committed in W15 fits.
        await line.Commit(ClusterFixture.Unique("entry"), [new WeeklyUnits(W(15), 200)]);

        // 60 scrapped in W12 leaves 180 by W15: 20 short.
        var preview = await Preview(low, new SupplyWhatIf(Adjustments: [new SupplyAdjustment(W(12), -60, "scrapped lot")]));

        Assert.DoesNotContain(preview.Weeks, w => w.OverCommitted);
        Assert.Equal([W(15)], preview.WhatIfWeeks.Where(w => w.OverCommitted).Select(w => w.Week));
        Assert.Contains(W(15), preview.ChangedWeeks);
        var after = await line.Get();
        Assert.Empty(after.Adjustments);
        Assert.DoesNotContain(after.Supply, w => w.OverCommitted);
    }

    [Fact]
    public async Task AFabThatDoesNotFeedTheLine_ChangesNothing()
    {
        var (_, _, low) = await TwoLineFab();
        var (other, _, _) = await TwoLineFab();

        var preview = await Preview(low, new SupplyWhatIf(CapacityChanges: [new FabCapacityWhatIf(other, W(10), 0)]));

        Assert.Empty(preview.ChangedWeeks);
        Assert.Equal(Rows(preview.Weeks), Rows(preview.WhatIfWeeks));
    }

    [Fact]
    public async Task UnknownOrBadFab_IsRefusedNamingTheField_AndUnknownLineIsNotFound()
    {
        var (fab, _, low) = await TwoLineFab();

        var unknown = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Preview(low, new SupplyWhatIf(CapacityChanges: [new FabCapacityWhatIf(ClusterFixture.Unique("fab"), W(11), 80)])));
        var negative = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Preview(low, new SupplyWhatIf(CapacityChanges: [new FabCapacityWhatIf(fab, W(11), -1)])));
        var tooMuchScrap = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Preview(low, new SupplyWhatIf(Adjustments: [new SupplyAdjustment(W(12), -61, "scrap")])));

        Assert.Equal(["capacityChanges[0].fab"], unknown.Errors.Keys);
        Assert.Equal(["CapacityChanges[0].WafersPerWeek"], negative.Errors.Keys); // the HTTP layer camel-cases them
        Assert.Equal(["adjustments[0].units"], tooMuchScrap.Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => Preview(ClusterFixture.Unique("pl"), new SupplyWhatIf()));
    }
}
