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

    /// <summary>The page's entries, whichever way it was stored; none for a page never written.</summary>
    internal IEnumerable<BookEntry> Read() =>
        Packed is { } packed ? BookPageCodec.Unpack(packed) : Entries?.Values ?? Enumerable.Empty<BookEntry>();
}
