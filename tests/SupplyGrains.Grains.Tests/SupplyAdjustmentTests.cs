using System.Diagnostics.Metrics;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Supply;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Tests;

/// <summary>Planners' supply adjustments on a product line: in the ledger, in what runs read, and in the over-committed count.</summary>
[Collection(ClusterCollection.Name)]
public class SupplyAdjustmentTests(ClusterFixture fixture)
{
    private readonly Given _given = new(fixture.Client);

    private IProductLineGrain ProductLine(string pl) => fixture.Client.GetGrain<IProductLineGrain>(pl);

    /// <summary>An adjustment with an id of its own, as the API gives every request without an Idempotency-Key.</summary>
    private Task<ProductLineView> Adjust(string pl, SupplyAdjustment adjustment, string by = "planner", string? id = null) =>
        ProductLine(pl).Adjust(adjustment, by, id ?? ClusterFixture.Unique("adj"));

    private IAllocationGrain Allocation(string pl) => fixture.Client.GetGrain<IAllocationGrain>(pl);

    private Task<AllocationRunView> Run(string pl, RunMode mode) =>
        Allocation(pl).Run(ClusterFixture.Unique("run"), new AllocationRunRequest(pl, Given.Week, Given.Week, AllocationStrategy.FairShare, mode), "planner");

    [Fact]
    public async Task LostShipment_InACommittedWeek_OverCommitsIt_CountsInTheMetric_AndStalesTheEarlierPreview()
    {
        var pl = await _given.ProductLine(lotSize: 8);
        var fab = await _given.Supply(pl, 80, weeks: 1);
        await _given.Order(await _given.Customer(), pl, 48);
        await Run(pl, RunMode.Commit);
        await _given.Order(await _given.Customer(), pl, 32);
        var preview = await Run(pl, RunMode.Preview);
        Assert.Equal(32, Assert.Single(preview.Weeks).Allocated);
        Assert.Equal(0, OverCommittedWeeks(pl));

        var view = await Adjust(pl, new SupplyAdjustment(Given.Week, -40, "lost shipment"), "planner-1");

        var week = Assert.Single(view.Supply);
        Assert.Equal((40, 48, 0, true), (week.Produced, week.Committed, week.Available, week.OverCommitted));
        Assert.Equal((-40, 80), (week.Adjusted, week.ProducedByFab![fab]));
        var recorded = Assert.Single(view.Adjustments);
        Assert.Equal((Given.Week, -40, "lost shipment", "planner-1"), (recorded.Week, recorded.Units, recorded.Reason, recorded.By));
        Assert.True(DateTimeOffset.UtcNow - recorded.At < TimeSpan.FromMinutes(1));
        var read = await ProductLine(pl).Get();
        Assert.Equal(view.Adjustments, read.Adjustments);
        Assert.True(Assert.Single(read.Supply).OverCommitted);
        Assert.Equal(40, (await ProductLine(pl).GetSupply()).Produced[Given.Week]);
        Assert.Equal(1, OverCommittedWeeks(pl));

        Assert.Equal(RunStatus.Stale, (await fixture.Client.GetRunAsync(preview.Id)).Status);
        await Assert.ThrowsAsync<ConflictException>(() => Allocation(pl).Commit(preview.Id, "planner"));
        Assert.Equal(48, Assert.Single((await ProductLine(pl).Get()).Supply).Committed);
    }

    [Fact]
    public async Task FoundStock_InAWeekNoFabSupplies_IsWhatARunAllocates()
    {
        var pl = await _given.ProductLine(lotSize: 8);
        await _given.Order(await _given.Customer(), pl, 32);

        var view = await Adjust(pl, new SupplyAdjustment(Given.Week, 24, "found in the Taoyuan warehouse"));
        var run = await Run(pl, RunMode.Preview);

        Assert.Equal((24, 24, 0), (view.Supply.Single().Produced, view.Supply.Single().Adjusted, view.Supply.Single().ProducedByFab!.Count));
        Assert.Equal((24, 24), (run.Weeks.Single().Supply, run.Weeks.Single().Allocated));
    }

    [Fact]
    public async Task AdjustmentTakingAWeekBelowZero_IsRefusedNamingUnits_AndRecordsNothing()
    {
        var pl = await _given.ProductLine();
        await _given.Supply(pl, 80, weeks: 1);
        var versionBefore = (await ProductLine(pl).GetSupply()).Version;

        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => Adjust(pl, new SupplyAdjustment(Given.Week, -81, "scrap")));
        var noReason = await Assert.ThrowsAsync<DomainValidationException>(() => Adjust(pl, new SupplyAdjustment(Given.Week, -8, " ")));

        Assert.Contains("units", refused.Errors.Keys);
        Assert.Contains("Reason", noReason.Errors.Keys);
        var after = await ProductLine(pl).Get();
        Assert.Empty(after.Adjustments);
        Assert.Equal(80, after.Supply.Single().Produced);
        Assert.Equal(versionBefore, (await ProductLine(pl).GetSupply()).Version);
    }

    [Fact]
    public async Task Adjusting_AnUnknownProductLine_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Adjust(ClusterFixture.Unique("pl"), new SupplyAdjustment(Given.Week, 8, "found stock")));
    }

    [Fact]
    public async Task TheSameAdjustmentId_Again_CountsOnce_AlsoAfterReactivation_AndWithOtherContentIsAConflict()
    {
        var pl = await _given.ProductLine(lotSize: 8);
        await _given.Supply(pl, 80, weeks: 1);
        var scrap = new SupplyAdjustment(Given.Week, -48, "scrap ");
        var first = await Adjust(pl, scrap, id: "adj-retried");
        var version = (await ProductLine(pl).GetSupply()).Version;

        // The retry would take the week below zero if it counted again: it must be answered from what was recorded.
        var retried = await Adjust(pl, scrap, id: "adj-retried");
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var afterReactivation = await Adjust(pl, scrap with { Reason = "scrap" }, id: "adj-retried");
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Adjust(pl, scrap with { Units = -8 }, id: "adj-retried"));

        Assert.Equal(32, first.Supply.Single().Produced);
        Assert.Equal(first.Adjustments, retried.Adjustments);
        Assert.Equal(first.Adjustments, afterReactivation.Adjustments);
        Assert.Equal(("adj-retried", "scrap"), (first.Adjustments.Single().Id, first.Adjustments.Single().Reason));
        Assert.Equal(32, afterReactivation.Supply.Single().Produced);
        Assert.Contains("adj-retried", conflict.Message);
        Assert.Equal(version, (await ProductLine(pl).GetSupply()).Version);
    }

    /// <summary>What the <c>supplygrains.overcommitments</c> gauge reports for <paramref name="pl"/> right now.</summary>
    private static long OverCommittedWeeks(string pl)
    {
        long? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SupplyGrainsMetrics.MeterName && instrument.Name == "supplygrains.overcommitments")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "product_line" && Equals(tag.Value, pl)) value = measurement;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value ?? throw new InvalidOperationException($"no over-committed figure reported for {pl}");
    }
}
