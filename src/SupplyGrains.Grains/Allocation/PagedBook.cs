using Orleans.Storage;
using SupplyGrains.Contracts.Orders;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// A product line's allocation book, held whole in memory and stored as <see cref="PageCount"/> records of the grain
/// store. One record for the whole book would make every order change rewrite every entry: intake of n orders would
/// write O(n²) bytes (about 15 MB per order at 100k orders). With pages, a change rewrites one page of n / PageCount
/// entries (about 100 at 100k orders), and loading the book reads PageCount small records once per activation.
/// An order keeps the page it was first put on; new orders go round the pages in blocks of <see cref="BlockSize"/>, so
/// pages fill evenly and orders submitted one after the other share a page: a re-evaluation, which pushes orders back
/// in batches of neighbours, then rewrites a few pages per batch rather than one per order.
/// </summary>
internal sealed class PagedBook
{
    public const int PageCount = 1024;

    public const int BlockSize = 128;

    private readonly IGrainStorage _storage;
    private readonly GrainId _grainId;
    private readonly GrainState<BookPage>[] _pages;
    // Each page's entries in the order they were first put, as it is written next.
    private readonly Dictionary<string, BookEntry>[] _pageEntries = new Dictionary<string, BookEntry>[PageCount];
    private readonly Dictionary<string, int> _pageOf = new(StringComparer.Ordinal);
    private readonly SharedNames _names = new();

    private PagedBook(IGrainStorage storage, GrainId grainId, GrainState<BookPage>[] pages)
    {
        _storage = storage;
        _grainId = grainId;
        _pages = pages;
        for (var page = 0; page < pages.Length; page++)
        {
            _pageEntries[page] = new Dictionary<string, BookEntry>(StringComparer.Ordinal);
            // A store hands back a fresh instance for a page never written; null only if one does not.
            foreach (var read in pages[page].State?.Read() ?? [])
            {
                var entry = _names.Share(read);
                _pageEntries[page][entry.OrderId] = entry;
                _pageOf[entry.OrderId] = page;
                Entries[entry.OrderId] = entry;
            }
            pages[page].State = null!; // read: only its ETag is needed now
        }
    }

    /// <summary>Every order's newest entry.</summary>
    public Dictionary<string, BookEntry> Entries { get; } = new(StringComparer.Ordinal);

    public static async Task<PagedBook> LoadAsync(IGrainStorage storage, GrainId grainId)
    {
        // One after the other: side by side, each read would open its own connection to the store.
        var pages = new GrainState<BookPage>[PageCount];
        for (var page = 0; page < PageCount; page++)
        {
            pages[page] = new GrainState<BookPage>(new BookPage());
            await storage.ReadStateAsync(StateName(page), grainId, pages[page]);
        }
        return new PagedBook(storage, grainId, pages);
    }

    /// <summary>The page an order's entry is stored on.</summary>
    public int PageOf(string orderId) => _pageOf[orderId];

    /// <summary>Stores the entries; done once their pages are durable.</summary>
    /// <remarks>
    /// The pages are written side by side, so a store that commits concurrent writes together (the SQLite store's group
    /// commit) makes a batch of entries one transaction rather than one each.
    /// </remarks>
    public Task PutAsync(IEnumerable<BookEntry> entries)
    {
        var dirty = new HashSet<int>();
        foreach (var put in entries)
        {
            var entry = _names.Share(put);
            if (!_pageOf.TryGetValue(entry.OrderId, out var page))
                _pageOf[entry.OrderId] = page = Entries.Count / BlockSize % PageCount;
            Entries[entry.OrderId] = entry;
            _pageEntries[page][entry.OrderId] = entry;
            dirty.Add(page);
        }
        return Task.WhenAll(dirty.Select(WritePageAsync));
    }

    private async Task WritePageAsync(int page)
    {
        var written = new BookPage { Packed = BookPageCodec.Pack(_pageEntries[page].Values) };
        _pages[page].State = written;
        await _storage.WriteStateAsync(StateName(page), _grainId, _pages[page]);
        // As after a read, only the ETag is needed: keeping the packed copy would hold every page in memory twice.
        if (ReferenceEquals(_pages[page].State, written)) _pages[page].State = null!;
    }

    private static string StateName(int page) => $"allocation-book-{page:D3}";
}
