using Orleans.Storage;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Grains.Storage;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// A product line's allocation book, held whole in memory and stored as pages, records of the grain store of at most
/// <see cref="BlockSize"/> new orders each. One record for the whole book would make every order change rewrite every
/// entry: intake of n orders would write O(n²) bytes (about 15 MB per order at 100k orders). With pages, a change
/// rewrites one page. An order keeps the page it was first put on; new orders fill the last page, and a new one once
/// it holds <see cref="BlockSize"/>, so orders submitted one after the other share a page (a re-evaluation, which
/// pushes orders back in batches of neighbours, then rewrites a few pages per batch rather than one per order), and
/// intake rewrites a page of at most that many entries with each write, however large the book. Loading reads the
/// pages in order, several at a time, up to the first one not on file.
/// </summary>
/// <remarks>
/// Until 2026-11-30 new orders went round a fixed 1,024 pages in blocks of <see cref="BlockSize"/>, so in a book of
/// more than 131,072 orders every write of a new order rewrote a page of n / 1,024 entries (9 KB, compressed again by
/// PostgreSQL, in the intake benchmark: bench/README.md §5). Such a book's pages are contiguous too, the last of them
/// full or beyond: it is read as it is, and its new orders go on new pages after them.
/// </remarks>
internal sealed class PagedBook
{
    public const int BlockSize = 128;

    // About 0.7 MB of pages (5.7 KB each in bench/README.md §7): a book of a million orders (7,813 pages) is read in 68
    // reads, and no read holds the store's connection long.
    private const int MostPagesARead = 128;

    private readonly IGrainStorage _storage;
    private readonly GrainId _grainId;
    private readonly List<GrainState<BookPage>> _pages = [];
    // Each page's orders in the order they were first put, as it is written next (their entries are in Entries).
    private readonly List<List<string>> _pageOrders = [];
    private readonly Dictionary<string, int> _pageOf = new(StringComparer.Ordinal);
    private readonly SharedNames _names = new();

    private PagedBook(IGrainStorage storage, GrainId grainId)
    {
        _storage = storage;
        _grainId = grainId;
    }

    /// <summary>Every order's newest entry.</summary>
    public Dictionary<string, BookEntry> Entries { get; } = new(StringComparer.Ordinal);

    public static async Task<PagedBook> LoadAsync(IGrainStorage storage, GrainId grainId)
    {
        // Our stores read pages in windows that double up to MostPagesARead, so a new product line costs one read and a
        // book of n pages about log2(n) + n / MostPagesARead; each window is taken into the book while the store reads
        // the next. Any other store reads one page at a time (side by side, each read would take its own connection).
        var book = new PagedBook(storage, grainId);
        var window = 1;
        var reading = ReadPagesAsync(storage, grainId, 0, window);
        while (true)
        {
            var pages = await reading;
            if (pages[^1].RecordExists)
            {
                if (storage is GroupCommitGrainStorage) window = Math.Min(2 * window, MostPagesARead);
                reading = ReadPagesAsync(storage, grainId, book._pages.Count + pages.Count, window);
            }
            foreach (var page in pages)
            {
                if (!page.RecordExists) return book;
                book.Take(page);
            }
        }
    }

    private static async Task<List<GrainState<BookPage>>> ReadPagesAsync(IGrainStorage storage, GrainId grainId, int first, int count)
    {
        var names = Enumerable.Range(first, count).Select(StateName).ToList();
        var pages = names.Select(_ => new GrainState<BookPage>(new BookPage())).ToList();
        if (storage is GroupCommitGrainStorage ours) await ours.ReadManyAsync(names, grainId, pages);
        else await storage.ReadStateAsync(names[0], grainId, pages[0]);
        return pages;
    }

    // Adds the next page on file, as read, to the book.
    private void Take(GrainState<BookPage> page)
    {
        var number = _pages.Count;
        var orders = new List<string>();
        foreach (var entry in page.State!.Read(_names)) // on file, so read
        {
            orders.Add(entry.OrderId);
            _pageOf[entry.OrderId] = number;
            Entries[entry.OrderId] = entry;
        }
        page.State = null!; // read: only its ETag is needed now
        _pages.Add(page);
        _pageOrders.Add(orders);
    }

    /// <summary>The page an order's entry is stored on.</summary>
    public int PageOf(string orderId) => _pageOf[orderId];

    /// <summary>
    /// False once a write failed in a way that may leave the pages on file other than the ones in memory (a store error,
    /// or a page another activation wrote): the book must then be read back before it is written again.
    /// </summary>
    public bool InStep { get; private set; } = true;

    /// <summary>
    /// Stores the entries, and <paramref name="with"/> in the same transaction (new orders' records); done once all of
    /// it is durable. The book in memory changes only then: when a record was already on file, nothing was stored and
    /// the book is as it was (<see cref="InStep"/> stays true).
    /// </summary>
    /// <remarks>
    /// On any store but ours, the records are written first and the pages after, so an entry is never on file
    /// without its order's record.
    /// </remarks>
    public async Task PutAsync(IEnumerable<BookEntry> entries, IReadOnlyList<RecordWrite>? with = null)
    {
        // Each changed page's entries, as put; an order new to the book goes on the last page, or on a new one once the
        // last holds a block.
        var changes = new Dictionary<int, Dictionary<string, BookEntry>>();
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        var (last, onLast) = _pages.Count == 0 ? (-1, BlockSize) : (_pages.Count - 1, _pageOrders[^1].Count);
        foreach (var put in entries)
        {
            var entry = _names.Share(put);
            if (!_pageOf.TryGetValue(entry.OrderId, out var page) && !added.TryGetValue(entry.OrderId, out page))
            {
                if (onLast >= BlockSize) (last, onLast) = (last + 1, 0);
                added[entry.OrderId] = page = last;
                onLast++;
            }
            if (!changes.TryGetValue(page, out var onPage)) changes[page] = onPage = new(StringComparer.Ordinal);
            onPage[entry.OrderId] = entry;
        }
        // New pages are added empty, written or not: one never written is read as missing, and is filled next.
        while (_pages.Count <= last)
        {
            _pages.Add(new GrainState<BookPage>(new BookPage()));
            _pageOrders.Add([]);
        }

        var records = new List<RecordWrite>((with?.Count ?? 0) + changes.Count);
        records.AddRange(with ?? []);
        var pageWrites = new List<RecordWrite>(changes.Count);
        foreach (var (page, onPage) in changes)
        {
            var count = _pageOrders[page].Count + onPage.Keys.Count(id => !_pageOf.ContainsKey(id));
            _pages[page].State = new BookPage { Packed = BookPageCodec.Pack(AsItWillBe(page, onPage), count) };
            pageWrites.Add(RecordWrite.Of(StateName(page), _grainId, _pages[page]));
        }
        records.AddRange(pageWrites);
        try
        {
            await RecordWrite.WriteAllAsync(_storage, records);
        }
        catch (InconsistentStateException) when (!pageWrites.Any(p => p.Conflicted))
        {
            throw; // a record conflicted, so nothing was stored: the pages on file are still the ones in memory
        }
        catch
        {
            InStep = false;
            throw;
        }
        finally
        {
            // As after a read, only the ETag is needed: keeping the packed copy would hold every page in memory twice.
            foreach (var page in changes.Keys) _pages[page].State = null!;
        }

        foreach (var (page, onPage) in changes)
        {
            foreach (var entry in onPage.Values)
            {
                if (_pageOf.TryAdd(entry.OrderId, page)) _pageOrders[page].Add(entry.OrderId);
                Entries[entry.OrderId] = entry;
            }
        }
    }

    // A page's entries once the changes are in: each keeps its place, and orders new to the book follow in the order
    // they came (an order already in the book is on this page, since it keeps the page it was first put on).
    private IEnumerable<BookEntry> AsItWillBe(int page, Dictionary<string, BookEntry> changes)
    {
        foreach (var order in _pageOrders[page]) yield return changes.GetValueOrDefault(order) ?? Entries[order];
        foreach (var entry in changes.Values)
            if (!_pageOf.ContainsKey(entry.OrderId)) yield return entry;
    }

    /// <summary>The name a page is stored under, beside the grain's other states.</summary>
    public static string StateName(int page) => $"allocation-book-{page:D3}";
}
