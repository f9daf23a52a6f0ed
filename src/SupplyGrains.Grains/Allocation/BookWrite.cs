using SupplyGrains.Contracts.Orders;
using SupplyGrains.Grains.Storage;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// Book entries (and new orders' records) that arrived while the book was busy, stored together by the allocation's
/// next write of its book; every caller that put an entry in waits on <see cref="Durable"/>, which the write settles
/// for all of them alike.
/// </summary>
internal sealed class BookWrite
{
    // Asynchronous continuations: the callers resume on their own turns, not inside the writer's loop.
    private readonly TaskCompletionSource _durable = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<BookEntry> Entries { get; } = [];

    /// <summary>New orders' records, stored in the same transaction as the pages that hold their entries.</summary>
    public List<RecordWrite> Records { get; } = [];

    /// <summary>Completes once every entry of the write is on file; faults with the write's error when it is not.</summary>
    public Task Durable => _durable.Task;

    public void Succeeded() => _durable.TrySetResult();

    public void Failed(Exception error) => _durable.TrySetException(error);
}
