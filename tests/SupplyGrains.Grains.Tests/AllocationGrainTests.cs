using Microsoft.Data.Sqlite;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class AllocationGrainTests(ClusterFixture fixture)
{
    private readonly Given _given = new(fixture.Client);

    private IAllocationGrain Allocation(string pl) => fixture.Client.GetGrain<IAllocationGrain>(pl);

    private static AllocationRunRequest Request(string pl, RunMode mode, int weeks = 1) =>
        new(pl, Given.Week, Given.Week.AddWeeks(weeks - 1), AllocationStrategy.FairShare, mode);

    private async Task<int> CommittedIn(string pl, IsoWeek week) =>
        (await fixture.Client.GetGrain<IProductLineGrain>(pl).Get()).Supply.SingleOrDefault(s => s.Week == week)?.Committed ?? 0;

    [Fact]
    public async Task Preview_SharesScarceSupplyEqually_AndChangesNothing()
    {
        var pl = await _given.ProductLine();
        await _given.Supply(pl, 80);
        var a = await _given.Order(await _given.Customer(), pl, 80);
        var b = await _given.Order(await _given.Customer(), pl, 80);

        var run = await Allocation(pl).Run(ClusterFixture.Unique("run"), Request(pl, RunMode.Preview), "planner");

        Assert.Equal(RunStatus.Preview, run.Status);
        var week = Assert.Single(run.Weeks);
        Assert.Equal(80, week.Supply);
        Assert.Equal(80, week.Allocated);
        Assert.All(week.Lines, l => Assert.Equal(40, l.Quantity));
        Assert.All(week.Lines, l => Assert.Equal(StopReason.Supply, l.StoppedBy));
        Assert.Equal(0, await CommittedIn(pl, Given.Week));
        Assert.Equal(80, (await fixture.Client.GetGrain<IOrderGrain>(a.Id).Get()).Remaining);
        Assert.Equal(RunStatus.Preview, (await fixture.Client.GetRunAsync(run.Id)).Status);
    }

    [Fact]
    public async Task CommitRun_ConfirmsUnitsOnOrders_AndCommitsSupply_Once()
    {
        var pl = await _given.ProductLine();
        await _given.Supply(pl, 80);
        var order = await _given.Order(await _given.Customer(), pl, 48);
        var runId = ClusterFixture.Unique("run");

        var run = await Allocation(pl).Run(runId, Request(pl, RunMode.Commit, weeks: 2), "planner");
        var retried = await Allocation(pl).Run(runId, Request(pl, RunMode.Commit, weeks: 2), "planner");

        Assert.Equal(RunStatus.Committed, run.Status);
        Assert.Equal(run.CreatedAt, retried.CreatedAt);
        var view = await fixture.Client.GetGrain<IOrderGrain>(order.Id).Get();
        Assert.Equal(48, view.Allocated);
        Assert.Equal(0, view.Remaining);
        Assert.Equal(runId, Assert.Single(view.Confirmations).RunId);
        Assert.Equal(48, await CommittedIn(pl, Given.Week));
        Assert.Equal(StopReason.Demand, Assert.Single(run.Orders).StoppedBy);
    }

    [Fact]
    public async Task CommittingAPreview_Twice_CountsOnce()
    {
        var pl = await _given.ProductLine();
        await _given.Supply(pl, 80);
        await _given.Order(await _given.Customer(), pl, 32);
        var preview = await Allocation(pl).Run(ClusterFixture.Unique("run"), Request(pl, RunMode.Preview), "planner");

        var committed = await Allocation(pl).Commit(preview.Id, "planner");
        var again = await Allocation(pl).Commit(preview.Id, "planner");

        Assert.Equal(RunStatus.Committed, committed.Status);
        Assert.Equal(committed.CommittedAt, again.CommittedAt);
        Assert.Equal(32, await CommittedIn(pl, Given.Week));
        Assert.Equal(RunStatus.Committed, (await fixture.Client.GetRunAsync(preview.Id)).Status);
    }

    [Fact]
    public async Task CommittingAPreview_AfterItsInputsChanged_IsRefused()
    {
        var pl = await _given.ProductLine();
        await _given.Supply(pl, 80);
        var customer = await _given.Customer();
        await _given.Order(customer, pl, 32);
        var preview = await Allocation(pl).Run(ClusterFixture.Unique("run"), Request(pl, RunMode.Preview), "planner");

        await _given.Order(customer, pl, 16);

        Assert.Equal(RunStatus.Stale, (await fixture.Client.GetRunAsync(preview.Id)).Status);
        await Assert.ThrowsAsync<ConflictException>(() => Allocation(pl).Commit(preview.Id, "planner"));
        Assert.Equal(0, await CommittedIn(pl, Given.Week));
    }

    [Fact]
    public async Task LicenceCap_LimitsTheAllocation_AndTheCommitDrawsOnTheLicence()
    {
        var pl = await _given.ProductLine();
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.LicenseRequired)]);
        await _given.Supply(pl, 80);
        var buyer = await _given.Customer("CN");
        var licence = await _given.License(buyer, pl, 16);
        var order = await _given.Order(buyer, pl, 80, shipTo: "CN");
        Assert.Equal(OrderStatus.Approved, order.Status);

        var run = await Allocation(pl).Run(ClusterFixture.Unique("run"), Request(pl, RunMode.Commit), "planner");

        var line = Assert.Single(Assert.Single(run.Weeks).Lines);
        Assert.Equal(16, line.Quantity);
        Assert.Equal(StopReason.LicenseCap, line.StoppedBy);
        var drawn = await fixture.Client.GetGrain<ILicenseGrain>(licence).Get();
        Assert.Equal(0, drawn.Remaining);
        // Run dry, the licence no longer covers the rest of the order: the draw re-decides it, and the licence names that.
        var report = await _given.ReDecided(buyer);
        Assert.Equal(report.Id, drawn.Reevaluation);
        Assert.Contains($"licence {licence}: 16 units drawn by", report.Trigger);
        Assert.Equal(1, report.Total);
    }

    [Fact]
    public async Task CancelledOrder_GivesItsConfirmationsBackToSupplyAndLicence()
    {
        var pl = await _given.ProductLine();
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.LicenseRequired)]);
        await _given.Supply(pl, 80);
        var buyer = await _given.Customer("CN");
        var licence = await _given.License(buyer, pl, 100);
        var recorded = (await fixture.Client.GetGrain<ILicenseGrain>(licence).Get()).Reevaluation;
        var order = await _given.Order(buyer, pl, 40, shipTo: "CN");
        await Allocation(pl).Run(ClusterFixture.Unique("run"), Request(pl, RunMode.Commit), "planner");
        Assert.Equal(40, await CommittedIn(pl, Given.Week));

        var cancelled = await fixture.Client.GetGrain<IOrderGrain>(order.Id).Cancel("planner");

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(0, cancelled.Allocated);
        Assert.Equal(0, await CommittedIn(pl, Given.Week));
        var returned = await fixture.Client.GetGrain<ILicenseGrain>(licence).Get();
        Assert.Equal(100, returned.Remaining);
        // Neither the draw nor the return changed what the gates read (units left either way): the recording's stays named.
        Assert.NotNull(recorded);
        Assert.Equal(recorded, returned.Reevaluation);
    }

    [Fact]
    public async Task HeldAndRejectedOrders_GetNothing()
    {
        var pl = await _given.ProductLine();
        await _given.Supply(pl, 80);
        var held = await _given.Order(await _given.Customer("SG", Domain.Customers.EntityType.Reseller), pl, 40, shipTo: "SG");
        var rejected = await _given.Order(await _given.Customer("CN", Domain.Customers.EntityType.MilitaryAffiliated), pl, 40, shipTo: "CN");
        var approved = await _given.Order(await _given.Customer(), pl, 16);

        var run = await Allocation(pl).Run(ClusterFixture.Unique("run"), Request(pl, RunMode.Preview), "planner");

        Assert.Equal(OrderStatus.OnHold, held.Status);
        Assert.Equal(OrderStatus.Rejected, rejected.Status);
        Assert.Equal([approved.Id], run.Orders.Select(o => o.OrderId));
        Assert.Equal(16, run.Weeks[0].Allocated);
        Assert.Equal(64, run.Weeks[0].CarriedOut);
    }

    [Fact]
    public async Task RunHistory_ListsRunsNewestFirst()
    {
        var pl = await _given.ProductLine();
        await _given.Supply(pl, 80);
        var first = await Allocation(pl).Run(ClusterFixture.Unique("run"), Request(pl, RunMode.Preview), "planner");
        var second = await Allocation(pl).Run(ClusterFixture.Unique("run"), Request(pl, RunMode.Preview), "planner");

        var runs = await Allocation(pl).ListRuns();

        Assert.Equal([second.Id, first.Id], runs.Select(r => r.Id));
    }

    [Fact]
    public async Task Book_IsStoredAPageAtATime_AndSurvivesDeactivation()
    {
        var pl = await _given.ProductLine();
        var customer = await _given.Customer();
        var orders = new List<string>();
        for (var i = 0; i < SupplyGrains.Grains.Allocation.PagedBook.BlockSize + 1; i++) orders.Add((await _given.Order(customer, pl, 8)).Id);

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var listed = await Allocation(pl).ListOrders(new OrderFilter());

        Assert.Equal(orders, listed.Select(o => o.Id));
        // A block of orders submitted one after the other shares a page, the next block goes to the next page: a change
        // rewrites one page of the book, not all of it.
        await using var db = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly");
        await db.OpenAsync();
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM grain_state WHERE state_name LIKE 'allocation-book-%' AND grain_id = $grain";
        count.Parameters.AddWithValue("$grain", Allocation(pl).GetGrainId().ToString());
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task RunRecord_ReadAfterDeactivation_HasEveryLineAndOrderAsRun()
    {
        var pl = await _given.ProductLine();
        await _given.Supply(pl, 80);
        var customer = await _given.Customer();
        await _given.Order(customer, pl, 80);
        await _given.Order(customer, pl, 16, week: Given.Week.AddWeeks(1));
        await _given.Order(await _given.Customer(), pl, 160);
        var run = await Allocation(pl).Run(ClusterFixture.Unique("run"), Request(pl, RunMode.Preview, weeks: 2), "planner");

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = await fixture.Client.GetRunAsync(run.Id);

        Assert.Equal(run.Weeks.Select(w => (w.Week, w.Supply, w.Allocated, w.CarriedOut)), stored.Weeks.Select(w => (w.Week, w.Supply, w.Allocated, w.CarriedOut)));
        Assert.Equal(run.Weeks.SelectMany(w => w.Lines), stored.Weeks.SelectMany(w => w.Lines));
        Assert.Equal(run.Orders, stored.Orders);
        Assert.Equal((run.InputFingerprint, run.CreatedBy, run.Caps), (stored.InputFingerprint, stored.CreatedBy, stored.Caps));
        Assert.Equal(5, stored.Weeks.Sum(w => w.Lines.Count)); // two orders eligible in week 1, all three in week 2
    }
}
