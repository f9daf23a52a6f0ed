using Orleans.Storage;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Grains.Allocation;
using SupplyGrains.Grains.Tests.Storage;

namespace SupplyGrains.Grains.Tests;

/// <summary>
/// Which page a book's order goes on (<see cref="PagedBook"/>): new orders fill the last page up to
/// <see cref="PagedBook.BlockSize"/> and then start the next, so intake rewrites a page of at most that many entries,
/// and books written round the 1,024 pages of before are read whole and grow past them; loading reads many pages at once.
/// </summary>
public sealed class BookLayoutTests(SqliteStorageClusterFixture fixture) : IClassFixture<SqliteStorageClusterFixture>
{
    private const int OldPageCount = 1024;

    [Fact]
    public async Task ABookOfManyBlocks_PutsEachNewOrderOnItsBlocksPage_AndRewritesNoPageOfMoreThanABlock()
    {
        await using var store = await fixture.OpenStoreAsync(fixture.NewDatabasePath());
        var bookId = BookFilingTests.NewBook();
        using var reads = new StoreReads(bookId);
        var book = await PagedBook.LoadAsync(store.Storage, bookId);
        Assert.Equal(1, reads.Take()); // a new product line's book: one read finds no page
        var blocks = 3;

        // Batches that cross the blocks' edges: 100 orders at a time.
        for (var first = 0; first < blocks * PagedBook.BlockSize; first += 100)
            await book.PutAsync(Enumerable.Range(first, Math.Min(100, blocks * PagedBook.BlockSize - first)).Select(Order));

        var loaded = await PagedBook.LoadAsync(store.Storage, bookId);
        for (var place = 0; place < blocks * PagedBook.BlockSize; place++)
            Assert.Equal(place / PagedBook.BlockSize, loaded.PageOf(OrderId(place)));
        for (var page = 0; page < blocks; page++)
            Assert.Equal(PagedBook.BlockSize, (await ReadPage(store.Storage, bookId, page)).Count);
        Assert.Empty(await ReadPage(store.Storage, bookId, blocks));
    }

    [Fact]
    public async Task ABookWrittenRoundTheThousandPagesOfBefore_IsReadWhole_AndTakesNewOrdersOnAPageAfterThem()
    {
        await using var store = await fixture.OpenStoreAsync(fixture.NewDatabasePath());
        var bookId = BookFilingTests.NewBook();
        // As the old layout left a book of more than 1,024 blocks, in small: every page on file, the last one's block
        // full, and an early page on its second round (one entry a page elsewhere, to keep the test small).
        var onPage = Enumerable.Range(0, OldPageCount).Select(page => page switch
        {
            OldPageCount - 1 => PagedBook.BlockSize,
            3 => PagedBook.BlockSize + 40,
            _ => 1,
        }).ToArray();
        var place = 0;
        var writes = new List<Task>();
        for (var page = 0; page < OldPageCount; page++)
        {
            var entries = Enumerable.Range(place, onPage[page]).Select(Order).ToList();
            place += onPage[page];
            var state = new GrainState<BookPage>(new BookPage { Packed = BookPageCodec.Pack(entries) });
            writes.Add(store.Storage.WriteStateAsync(PagedBook.StateName(page), bookId, state));
        }
        await Task.WhenAll(writes);

        using var reads = new StoreReads(bookId);
        var book = await PagedBook.LoadAsync(store.Storage, bookId);
        Assert.Equal(place, book.Entries.Count);
        // Read several pages at a time: one read a page would be 1,025 round trips.
        Assert.InRange(reads.Take(), 1, 20);
        Assert.Equal(3, book.PageOf(OrderId(3 + PagedBook.BlockSize + 39)));

        await book.PutAsync([Order(place), Order(1) with { Quantity = 99 }]);

        var loaded = await PagedBook.LoadAsync(store.Storage, bookId);
        Assert.Equal(place + 1, loaded.Entries.Count);
        Assert.Equal(OldPageCount, loaded.PageOf(OrderId(place)));
        Assert.Equal((1, 99), (loaded.PageOf(OrderId(1)), loaded.Entries[OrderId(1)].Quantity));
    }

    private static async Task<IReadOnlyList<BookEntry>> ReadPage(IGrainStorage storage, GrainId bookId, int page)
    {
        var state = new GrainState<BookPage>(new BookPage());
        await storage.ReadStateAsync(PagedBook.StateName(page), bookId, state);
        return state.RecordExists ? [.. state.State!.Read()] : [];
    }

    private static string OrderId(int place) => $"o-{place:D6}";

    private static BookEntry Order(int place) => BookPageTests.Order(OrderId(place));
}
