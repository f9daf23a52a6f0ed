using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Contracts.Orders;

/// <summary>
/// An order (key: order id): the request, its gate decisions with policy version and time, the people's
/// resolutions and its audit trail. Every change of status is pushed to its product line's allocation book.
/// </summary>
[Alias("SupplyGrains.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Submits the order and runs every gate. Submitting the same request again returns the order as it is
    /// (retries are safe); a different request under the same id throws <see cref="ConflictException"/>.
    /// </summary>
    [Alias("Submit")]
    Task<OrderView> Submit(OrderRequest request, string by);

    /// <summary>The order with its confirmations; throws <see cref="NotFoundException"/> when it was never submitted.</summary>
    [Alias("Get")]
    Task<OrderView> Get();

    /// <summary>
    /// Every decision and event of the order, oldest first: its own trail (submission, gate decisions with policy
    /// version, approvals, reviews, re-evaluations, each with who and when) merged with its allocation's (confirmations by
    /// committed runs, takebacks, releases). Both are append-only; nothing rewrites them.
    /// </summary>
    [Alias("GetAudit"), ReadOnly]
    Task<IReadOnlyList<AuditEvent>> GetAudit();

    [Alias("Cancel")]
    Task<OrderView> Cancel(string by);

    [Alias("RecordImportDecision")]
    Task<OrderView> RecordImportDecision(ImportDecision decision, string by);

    /// <summary>Clears or denies the order's review holds (possible denied party, diversion); 409 when nothing is held for review.</summary>
    [Alias("RecordReview")]
    Task<OrderView> RecordReview(ReviewDecision decision, string by);

    /// <summary>
    /// Runs the gates again (a rule, licence, approval or profile changed) and records the re-evaluation in the audit
    /// trail, on the word of <see cref="ReevaluationScope.By"/>. Idempotent per <paramref name="reevaluationId"/>: a
    /// re-evaluation resumed after a crash gets the same impact again. The caller pushes the returned entry to the
    /// allocation book (in batches); the order does not. Cancelled orders stay cancelled.
    /// </summary>
    [Alias("Reevaluate")]
    Task<OrderReevaluation> Reevaluate(string reevaluationId, ReevaluationScope scope);

    /// <summary>How the order would move under a draft policy, as if it were in force now; changes nothing.</summary>
    [Alias("PreviewUnder"), ReadOnly]
    Task<OrderImpact> PreviewUnder(VersionedPolicy draft);
}
