using SupplyGrains.Contracts.Orders;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// How new orders go into a product line's book together with their records (key: product code; the allocation grain
/// implements it). Inside the silo only: clients submit orders, never records.
/// </summary>
[Alias("SupplyGrains.IOrderFiling")]
public interface IOrderFiling : IGrainWithStringKey
{
    /// <summary>
    /// Puts each order's entry in the book and stores its record (claimed new) in the same transaction as the book's
    /// pages, so an order is on file with its entry or not at all. Done once durable; when one record is already on
    /// file, the whole write fails with <see cref="Orleans.Storage.InconsistentStateException"/> and none of it is kept.
    /// When the book cannot take it (a page of it another activation wrote, or the store away) none of it is kept
    /// either (on this product's stores, which write a batch in one transaction), and the write fails with
    /// <see cref="Contracts.Allocation.BookReloadingException"/> or <see cref="Contracts.StoreUnavailableException"/>:
    /// the caller's to retry.
    /// </summary>
    /// <remarks>
    /// Interleaved, as <c>IAllocationGrain.Upsert</c>: the orders of concurrent callers share the book's next write.
    /// Generic in the record, which the allocation stores without reading: it knows nothing of orders but their entries.
    /// </remarks>
    [Alias("File"), AlwaysInterleave]
    Task File<TRecord>(IReadOnlyList<FiledOrder<TRecord>> orders);
}

/// <summary>A new order for <see cref="IOrderFiling.File{TRecord}"/>: its book entry, and its record as its grain will read it.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.FiledOrder`1")]
public sealed record FiledOrder<TRecord>(
    [property: Id(0)] BookEntry Entry,
    [property: Id(1)] string StateName,
    [property: Id(2)] GrainId Grain,
    [property: Id(3)] TRecord Record);
