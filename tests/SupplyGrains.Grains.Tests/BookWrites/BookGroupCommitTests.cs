using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Tests.BookWrites;

/// <summary>
/// The allocation book's group commit: book entries that arrive while a write of the book is on its way share the
/// next write, no caller is answered before its entry is durable, a failed write fails every caller in it, and a run
/// never sees the book change under it.
/// </summary>
[Collection(ControlledStoreCollection.Name)]
public sealed class BookGroupCommitTests(ControlledStoreClusterFixture fixture) : IDisposable
{
    private const string BookPages = "allocation-book-";
    private static readonly IsoWeek Week = IsoWeek.Parse("2032-W10");

    private readonly string _productLine = ClusterFixture.Unique("pl");

    private IAllocationGrain Allocation => fixture.Client.GetGrain<IAllocationGrain>(_productLine);

    private GrainId AllocationId => Allocation.GetGrainId();

    // A test that fails half-way must not leave the next one's writes frozen.
    public void Dispose() => fixture.Storage.HoldNothing();

    private BookEntry Entry(int order, long revision = 1, OrderStatus status = OrderStatus.Approved) =>
        new($"{_productLine}-o{order:D4}", $"{_productLine}-cu{order % 7}", 1, 1m, 0, Week, DateTimeOffset.UnixEpoch.AddSeconds(order),
            8, status, [], "US", null, ConfirmationClass.Redistribute, revision);

    private void HoldBookWrites() => fixture.Storage.Hold((state, grain) => state.StartsWith(BookPages, StringComparison.Ordinal) && grain == AllocationId);

    private Task UntilHeld(int writes) => Eventually.Until(() => Task.FromResult(fixture.Storage.HeldCount), n => n >= writes);

    private Task UntilReceived(int upserts) => Eventually.Until(() => Task.FromResult(fixture.UpsertsReceived(Allocation)), n => n >= upserts);

    private async Task<IReadOnlyList<string>> Listed() => [.. (await Allocation.ListOrders(new OrderFilter())).Select(o => o.Id)];

    [Fact]
    public async Task UpsertsArrivingDuringAWrite_ShareTheNextWrite_AndNoneIsAnsweredBeforeItsWriteIsDurable()
    {
        HoldBookWrites();
        var first = Allocation.Upsert(Entry(0));
        await UntilHeld(1);
        var queued = Enumerable.Range(1, 50).Select(i => Allocation.Upsert(Entry(i))).ToList();
        await UntilReceived(51);

        // The first write is still on its way: nobody is answered, not even its own caller.
        Assert.False(first.IsCompleted);
        Assert.DoesNotContain(queued, t => t.IsCompleted);

        Assert.Equal(1, fixture.Storage.Release());
        await first;
        await UntilHeld(1);
        // The fifty that came while the first write travelled are in one write, on the same page, and still unanswered.
        Assert.DoesNotContain(queued, t => t.IsCompleted);
        Assert.Equal(51, fixture.Storage.Release());
        await Task.WhenAll(queued);

        Assert.Equal(2, fixture.Storage.Writes(BookPages, AllocationId));
        Assert.Equal(Enumerable.Range(0, 51).Select(i => Entry(i).OrderId), await Listed());
    }

    [Fact]
    public async Task AFailedWrite_FailsEveryCallerInIt_AndThoseQueuedBehindIt_AndTheBookIsReadBackAsStored()
    {
        HoldBookWrites();
        var first = Allocation.Upsert(Entry(0));
        await UntilHeld(1);
        var inTheFailedWrite = Enumerable.Range(1, 20).Select(i => Allocation.Upsert(Entry(i))).ToList();
        await UntilReceived(21);
        fixture.Storage.Release();
        await first;
        await UntilHeld(1);
        var behindIt = Enumerable.Range(21, 5).Select(i => Allocation.Upsert(Entry(i))).ToList();
        await UntilReceived(26);

        fixture.Storage.Fail(new IOException("the disk went away"));

        foreach (var call in inTheFailedWrite.Concat(behindIt))
            await Assert.ThrowsAnyAsync<Exception>(() => call);
        fixture.Storage.HoldNothing();
        // The activation that failed is gone; the next one reads the book as it is on file: the first entry only.
        await fixture.Cluster.WaitForDeactivationAsync(Allocation);
        Assert.Equal([Entry(0).OrderId], await Listed());

        // Retried, the refused entries land, each once.
        await Task.WhenAll(Enumerable.Range(1, 25).Select(i => Allocation.Upsert(Entry(i))));
        Assert.Equal(Enumerable.Range(0, 26).Select(i => Entry(i).OrderId), await Listed());
    }

    [Fact]
    public async Task ManyConcurrentUpserts_LandExactlyOnce_WithTheNewestRevision_AndSurviveReactivation()
    {
        // Three revisions of each of 200 orders, sent all at once in an order that often puts an older one last.
        var statuses = new[] { OrderStatus.OnHold, OrderStatus.Approved, OrderStatus.Rejected };
        var calls = Enumerable.Range(0, 200)
            .SelectMany(i => Enumerable.Range(1, 3).Select(r => (Order: i, Revision: r)))
            .OrderBy(c => (c.Order * 7919 + c.Revision * 104729) % 601)
            .Select(c => c.Revision == 2 && c.Order % 10 == 0
                ? Allocation.UpsertMany([Entry(c.Order, c.Revision, statuses[c.Revision - 1])])
                : Allocation.Upsert(Entry(c.Order, c.Revision, statuses[c.Revision - 1])))
            .ToList();
        await Task.WhenAll(calls);

        async Task AssertBook()
        {
            var listed = await Allocation.ListOrders(new OrderFilter());
            Assert.Equal(Enumerable.Range(0, 200).Select(i => Entry(i).OrderId), listed.Select(o => o.Id));
            Assert.All(listed, o => Assert.Equal(OrderStatus.Rejected, o.Status));
        }
        await AssertBook();
        Assert.InRange(fixture.Storage.Writes(BookPages, AllocationId), 1, calls.Count - 1);

        await fixture.Cluster.DeactivateAsync(Allocation);
        await AssertBook();
    }

    [Fact]
    public async Task ARun_WaitsForTheWriteInFlight_AndEntriesArrivingDuringIt_AreWrittenAfterIt()
    {
        await fixture.Client.GetGrain<IProductLineGrain>(_productLine)
            .Define(new ProductLineDefinition("Test", "Test", LifecycleStage.Ramp, 15832, 8));
        HoldBookWrites();
        var first = Allocation.Upsert(Entry(0));
        await UntilHeld(1);

        var run = Allocation.Run(ClusterFixture.Unique("run"), new AllocationRunRequest(_productLine, Week, Week, AllocationStrategy.FairShare, RunMode.Preview), "tests");
        var duringTheRun = Allocation.Upsert(Entry(1));
        await UntilReceived(2);
        // The run must not read a book whose write has not come back.
        Assert.False(run.IsCompleted);

        fixture.Storage.Release();
        var view = await run;
        await first;

        // The run saw the book as written before it: the entry that arrived meanwhile waits for a write after the run.
        Assert.Equal([Entry(0).OrderId], view.Orders.Select(o => o.OrderId));
        await UntilHeld(1);
        Assert.False(duringTheRun.IsCompleted);
        fixture.Storage.Release();
        await duringTheRun;
        Assert.Equal([Entry(0).OrderId, Entry(1).OrderId], await Listed());
    }
}
