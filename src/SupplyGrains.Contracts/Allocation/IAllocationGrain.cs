using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;

namespace SupplyGrains.Contracts.Allocation;

/// <summary>
/// The allocation of one product line (key: product code). It keeps its own book of orders, pushed by the order
/// grains, and the confirmations of committed runs, so a run reads only its own state and never calls an order.
/// Runs are serialized: one at a time per product line.
/// </summary>
[Alias("SupplyGrains.IAllocationGrain")]
public interface IAllocationGrain : IGrainWithStringKey
{
    /// <summary>
    /// An order's newest state; older revisions than the book holds are ignored. A rejected or cancelled order's
    /// confirmations are released. Done when the entry is durable in the book (and any release with it).
    /// </summary>
    /// <remarks>
    /// Always interleaved, so that the entries of concurrent callers share one durable write of the book (group
    /// commit) instead of queueing for one write each. It only queues the entry; the grain writes the queue between
    /// its other calls, never while a run, commit or fingerprint reads the book.
    /// </remarks>
    [Alias("Upsert"), AlwaysInterleave]
    Task Upsert(BookEntry entry);

    /// <summary><see cref="Upsert"/> for a batch (a re-evaluation's), stored in one go; interleaved for the same reason.</summary>
    [Alias("UpsertMany"), AlwaysInterleave]
    Task UpsertMany(IReadOnlyList<BookEntry> entries);

    /// <summary>Runs the allocation; a commit-mode run is committed at once. A repeated <paramref name="runId"/> returns the run as recorded.</summary>
    [Alias("Run")]
    Task<AllocationRunView> Run(string runId, AllocationRunRequest request, string by);

    /// <summary>Commits a preview; throws <see cref="ConflictException"/> when its inputs changed since. Committing twice does nothing twice.</summary>
    [Alias("Commit")]
    Task<AllocationRunView> Commit(string runId, string by);

    /// <summary>The fingerprint a run started now would have for the same request, to tell whether a preview is stale.</summary>
    [Alias("Fingerprint"), ReadOnly]
    Task<string> Fingerprint(AllocationRunRequest request);

    [Alias("GetConfirmations"), ReadOnly]
    Task<OrderConfirmations> GetConfirmations(string orderId);

    /// <summary>What committed runs confirmed for the order and what was taken back or released since, oldest first, for its audit.</summary>
    [Alias("GetOrderHistory"), ReadOnly]
    Task<IReadOnlyList<AuditEvent>> GetOrderHistory(string orderId);

    [Alias("ListOrders"), ReadOnly]
    Task<IReadOnlyList<OrderSummary>> ListOrders(OrderFilter filter);

    /// <summary>
    /// Orders that are not cancelled (the ones a rule change must re-decide), optionally of one customer, in an order
    /// that keeps neighbours in the book together (so pushing them back in batches is cheap).
    /// </summary>
    [Alias("OpenOrderIds"), ReadOnly]
    Task<IReadOnlyList<string>> OpenOrderIds(string? customerId);

    [Alias("ListRuns"), ReadOnly]
    Task<IReadOnlyList<RunSummary>> ListRuns();
}
