using CsCheck;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Allocation;
using SupplyGrains.Grains.Tests.Storage;

namespace SupplyGrains.Grains.Tests;

/// <summary>A book page packs its entries by hand (<see cref="BookPageCodec"/>) and still reads pages stored the old way.</summary>
public sealed class BookPageTests(SqliteStorageClusterFixture fixture) : IClassFixture<SqliteStorageClusterFixture>
{
    // The run records' id pieces (shared prefixes, odd hex runs, multi-byte UTF-8, surrogate pairs), and empty text too.
    private static readonly Gen<string> Text = Gen.Int[0, AllocationRunRecordTests.IdPieces.Length - 1]
        .Select(i => AllocationRunRecordTests.IdPieces[i]).Array[0, 8].Select(string.Concat);

    private static readonly Gen<decimal> Weight = Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Bool, Gen.Byte[0, 28])
        .Select((lo, mid, hi, negative, scale) => new decimal(lo, mid, hi, negative, scale));

    private static readonly Gen<DateTimeOffset> Instant = Gen.Select(Gen.Long[0, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay], Gen.Int[-14 * 60, 14 * 60])
        .Select((ticks, minutes) => new DateTimeOffset(ticks + TimeSpan.TicksPerDay / 2, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(minutes)));

    private static readonly Gen<BookEntry> Entry =
        from ids in Gen.Select(Text, Text, Gen.Int, Weight, Gen.Long)
        from when in Gen.Select(Gen.Int[-100_000, 200_000], Instant, Gen.Int, Gen.Enum<OrderStatus>(), Text.Array[0, 3])
        from rest in Gen.Select(Text, Text.Null(), Gen.Enum<ConfirmationClass>(), Gen.Long)
        select new BookEntry(ids.Item1, ids.Item2, ids.Item3, ids.Item4, ids.Item5, new IsoWeek(when.Item1), when.Item2, when.Item3,
            when.Item4, when.Item5, rest.Item1, rest.Item2, rest.Item3, rest.Item4);

    [Fact]
    public void AnyEntries_ReadBackAsTheyWerePacked() =>
        Entry.List[0, 40].Sample(entries =>
        {
            var read = BookPageCodec.Unpack(BookPageCodec.Pack(entries));
            return read.Count == entries.Count && read.Zip(entries).All(pair => Same(pair.First, pair.Second));
        });

    [Fact]
    public void Packing_AllocatesLittleMoreThanThePackedPage()
    {
        var page = Enumerable.Range(0, 200).Select(i => Order($"o-{i:D6}")).ToList();
        BookPageCodec.Pack(page); // the thread's buffer grows to a page this size once

        var before = GC.GetAllocatedBytesForCurrentThread();
        var packed = BookPageCodec.Pack(page);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A buffer of its own per call came to more than twice the page.
        Assert.InRange(allocated, packed.Length, packed.Length + 256);
        Assert.Equal(200, BookPageCodec.Unpack(packed).Count);
    }

    [Fact]
    public void APage_PackedAfterALargerOne_HoldsNothingOfIt()
    {
        BookPageCodec.Pack(Enumerable.Range(0, 50).Select(i => Order($"o-{i:D6}") with { CustomerId = "a much longer customer id" }).ToList());

        var small = BookPageCodec.Unpack(BookPageCodec.Pack([Order("o-1")]));

        Assert.True(Same(Order("o-1"), Assert.Single(small)));
    }

    [Fact]
    public void APage_PackedByAnotherVersion_IsRefusedWithWhatToDo()
    {
        var packed = BookPageCodec.Pack([]);
        packed[0] = 2;

        var refused = Assert.Throws<InvalidDataException>(() => BookPageCodec.Unpack(packed));

        Assert.Contains("version 2", refused.Message);
    }

    [Fact]
    public async Task APageStoredTheOldWay_Loads_AndIsRewrittenPacked()
    {
        await using var store = await fixture.OpenStoreAsync(fixture.NewDatabasePath());
        var book = GrainId.Create("allocation", Guid.NewGuid().ToString("N"));
        var (first, second, third) = (Order("o-1"), Order("o-2"), Order("o-3"));
        var old = new GrainState<BookPage>(new BookPage { Entries = new() { [first.OrderId] = first, [second.OrderId] = second } });
        await store.Storage.WriteStateAsync("allocation-book-000", book, old);

        var loaded = await PagedBook.LoadAsync(store.Storage, book);
        await loaded.PutAsync([third with { Quantity = 5 }]);
        var stored = new GrainState<BookPage>();
        await store.Storage.ReadStateAsync("allocation-book-000", book, stored);
        var reloaded = await PagedBook.LoadAsync(store.Storage, book);

        Assert.Equal([first.OrderId, second.OrderId], loaded.Entries.Keys.Take(2));
        Assert.Equal((null, 3), (stored.State!.Entries, BookPageCodec.Unpack(stored.State.Packed!).Count));
        Assert.Equal(["o-1", "o-2", "o-3"], reloaded.Entries.Keys);
        Assert.True(Same(second, reloaded.Entries["o-2"]));
        Assert.Equal(5, reloaded.Entries["o-3"].Quantity);
    }

    [Fact]
    public async Task EntriesOfOneCustomer_ShareItsNames_WhenPutAndWhenLoadedAgain()
    {
        await using var store = await fixture.OpenStoreAsync(fixture.NewDatabasePath());
        var book = GrainId.Create("allocation", Guid.NewGuid().ToString("N"));
        // As a request parses them: the same text, each in a string of its own.
        BookEntry Parsed(string id) => Order(id) with
        {
            CustomerId = new string("c-1".AsSpan()), Destination = new string("US".AsSpan()), LicenseId = new string("lic-1".AsSpan()), Reasons = [],
        };

        var put = await PagedBook.LoadAsync(store.Storage, book);
        await put.PutAsync([Parsed("o-1"), Parsed("o-2")]);
        var loaded = await PagedBook.LoadAsync(store.Storage, book);

        foreach (var entries in new[] { put.Entries, loaded.Entries })
        {
            var (first, second) = (entries["o-1"], entries["o-2"]);
            Assert.Same(first.CustomerId, second.CustomerId);
            Assert.Same(first.Destination, second.Destination);
            Assert.Same(first.LicenseId, second.LicenseId);
            Assert.Same(Array.Empty<string>(), second.Reasons);
        }
        Assert.True(Same(Parsed("o-2"), loaded.Entries["o-2"]));
    }

    internal static BookEntry Order(string id) => new(id, "c-1", 1, 1.5m, 7, IsoWeek.Parse("2032-W10"), DateTimeOffset.UnixEpoch,
        3, OrderStatus.Approved, ["a reason"], "US", "lic-1", ConfirmationClass.Win, 4);

    private static readonly string[] NoReasons = [];

    // Records compare their list of reasons by reference; a read-back list is a new one.
    private static bool Same(BookEntry a, BookEntry b) =>
        a with { Reasons = NoReasons } == b with { Reasons = NoReasons } && a.Reasons.SequenceEqual(b.Reasons) &&
        a.SubmittedAt.Offset == b.SubmittedAt.Offset && decimal.GetBits(a.Weight).SequenceEqual(decimal.GetBits(b.Weight));
}
