using SupplyGrains.Contracts.Orders;

namespace SupplyGrains.Grains.Allocation;

/// <summary>One stored page of an allocation book: the entries of the orders assigned to it.</summary>
[GenerateSerializer, Alias("SupplyGrains.BookPage")]
public sealed class BookPage
{
    /// <summary>The entries as pages were stored until 2026-11-29: still read, no longer written.</summary>
    [Id(0)] public Dictionary<string, BookEntry>? Entries { get; set; }

    /// <summary>The entries, packed by <see cref="BookPageCodec"/>.</summary>
    [Id(1)] public byte[]? Packed { get; set; }

    /// <summary>
    /// The page's entries, whichever way it was stored; none for a page never written. With <paramref name="names"/>,
    /// the entries hold the book's instances of their names.
    /// </summary>
    internal IEnumerable<BookEntry> Read(SharedNames? names = null) =>
        Packed is { } packed ? BookPageCodec.Unpack(packed, names)
        : Entries?.Values.Select(entry => names?.Share(entry) ?? entry) ?? Enumerable.Empty<BookEntry>();
}
