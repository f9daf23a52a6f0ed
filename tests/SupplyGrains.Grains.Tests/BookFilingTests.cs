using CsCheck;
using Orleans.Storage;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Grains.Allocation;
using SupplyGrains.Grains.Tests.Storage;

namespace SupplyGrains.Grains.Tests;

/// <summary>
/// A book's write stores new orders' records in the same transaction as its pages (<see cref="PagedBook.PutAsync"/>):
/// both or neither, and the book in memory changes only with the store.
/// </summary>
public sealed class BookFilingTests(SqliteStorageClusterFixture fixture) : IClassFixture<SqliteStorageClusterFixture>
{
    [Fact]
    public async Task AWriteWithARecordAlreadyOnFile_StoresNeitherItsEntriesNorItsRecords_AndTheBookGoesOn()
    {
        await using var store = await fixture.OpenStoreAsync(fixture.NewDatabasePath());
        var bookId = NewBook();
        var book = await PagedBook.LoadAsync(store.Storage, bookId);
        var (first, second) = (SqliteStorageClusterFixture.NewGrainId(), SqliteStorageClusterFixture.NewGrainId());
        await book.PutAsync([Order("o-1")], [StoreCalls.Record(first, "o-1")]);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            book.PutAsync([Order("o-2"), Order("o-3")], [StoreCalls.Record(second, "o-2"), StoreCalls.Record(first, "o-3 under a used id")]));

        Assert.True(book.InStep);
        Assert.Equal(["o-1"], book.Entries.Keys);
        Assert.Equal(["o-1"], (await PagedBook.LoadAsync(store.Storage, bookId)).Entries.Keys);
        Assert.False((await StoreCalls.Read(store.Storage, second)).RecordExists);
        Assert.Equal("o-1", (await StoreCalls.Read(store.Storage, first)).State.Value);

        // The pages' ETags are still the store's, so the next write goes through.
        await book.PutAsync([Order("o-2")], [StoreCalls.Record(second, "o-2")]);
        Assert.Equal(["o-1", "o-2"], (await PagedBook.LoadAsync(store.Storage, bookId)).Entries.Keys);
        Assert.Equal("o-2", (await StoreCalls.Read(store.Storage, second)).State.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWriteOverAPageAnotherActivationWrote_StoresNothing_AndTheBookIsOutOfStep(bool withARecord)
    {
        await using var store = await fixture.OpenStoreAsync(fixture.NewDatabasePath());
        var bookId = NewBook();
        var book = await PagedBook.LoadAsync(store.Storage, bookId);
        var other = await PagedBook.LoadAsync(store.Storage, bookId);
        await other.PutAsync([Order("o-9")]);
        var record = SqliteStorageClusterFixture.NewGrainId();

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            book.PutAsync([Order("o-1")], withARecord ? [StoreCalls.Record(record, "o-1")] : []));

        Assert.False(book.InStep);
        Assert.Empty(book.Entries);
        Assert.False((await StoreCalls.Read(store.Storage, record)).RecordExists);
        Assert.Equal(["o-9"], (await PagedBook.LoadAsync(store.Storage, bookId)).Entries.Keys);
    }

    [Fact]
    public async Task Puts_AreReadBackAsTheBookHeldThem_EachOrderOnThePageItsPlaceGives()
    {
        await using var store = await fixture.OpenStoreAsync(fixture.NewDatabasePath());
        // Batches of (order, quantity) over 300 orders: new ones and changes, some in the batch that put them first.
        var batches = Gen.Select(Gen.Int[0, 299], Gen.Int[1, 9]).List[1, 80].List[1, 6];

        await batches.SampleAsync(async puts =>
        {
            var bookId = NewBook();
            var book = await PagedBook.LoadAsync(store.Storage, bookId);
            var model = new Dictionary<string, BookEntry>();
            var revision = 0L;
            foreach (var batch in puts)
            {
                var entries = batch.Select(p => Order($"o-{p.Item1:D3}") with { Quantity = p.Item2, Revision = ++revision }).ToList();
                await book.PutAsync(entries);
                foreach (var entry in entries) model[entry.OrderId] = entry;
            }
            var loaded = await PagedBook.LoadAsync(store.Storage, bookId);

            var placeOf = model.Keys.Select((id, place) => (id, place)).ToDictionary(p => p.id, p => p.place);
            return model.Keys.SequenceEqual(book.Entries.Keys)
                && model.All(m => book.Entries[m.Key] == m.Value && loaded.Entries[m.Key].Quantity == m.Value.Quantity
                    && loaded.Entries[m.Key].Revision == m.Value.Revision)
                && loaded.Entries.Count == model.Count
                && model.Keys.All(id => book.PageOf(id) == placeOf[id] / PagedBook.BlockSize && loaded.PageOf(id) == book.PageOf(id));
        }, iter: 12);
    }

    internal static GrainId NewBook() => GrainId.Create("allocation", Guid.NewGuid().ToString("N"));

    private static BookEntry Order(string id) => BookPageTests.Order(id);
}
