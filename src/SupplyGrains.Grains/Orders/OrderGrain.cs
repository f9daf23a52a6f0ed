using Orleans.Storage;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Orders;

/// <summary>
/// An order: runs the gates on submission and on every trigger, records the people's resolutions and an audit
/// trail, and pushes each change to its product line's allocation book. It calls only grains that never call it
/// back (customer, policy, product line, allocation), so it cannot take part in a deadlock. Orders submitted over HTTP
/// without an <c>Idempotency-Key</c> are filed by <see cref="OrderIntake"/> and activate here only when used.
/// </summary>
public sealed class OrderGrain(
    [PersistentState(OrderGrain.StateName, GrainStorage.Name)] IPersistentState<OrderState> state,
    SupplyGrainsMetrics metrics,
    TimeProvider clock) : Grain, IOrderGrain, IIncomingGrainCallFilter
{
    /// <summary>The name of the order's record in the grain store (<see cref="OrderIntake"/> writes new ones).</summary>
    internal const string StateName = "order";

    // Whether anything but a bulk job (a re-evaluation, an impact preview) has called this activation.
    private bool _inUse;

    private string Id => this.GetPrimaryKeyString();

    private OrderState S => state.State;

    /// <summary>
    /// A bulk job calls every open order, and intake files orders without activating them, so most of its calls wake a
    /// grain that nobody else is using. Such an activation leaves memory as soon as the job's call returns: kept until
    /// idle collection, a re-evaluation of 100k cold orders left about a gigabyte more on the heap (bench/README.md
    /// §4), so a book of millions would not fit. An activation anyone else has called stays, as any grain would.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (context.InterfaceMethod?.Name is not (nameof(Reevaluate) or nameof(PreviewUnder))) _inUse = true;
            else if (!_inUse) DeactivateOnIdle();
        }
    }

    public async Task<OrderView> Submit(OrderRequest request, string by)
    {
        EntityId.Require(Id, "id");
        DomainValidation.Require(request, "body");
        if (S.Request is null)
        {
            var submitted = await OrderDecisions.Submit(request, by,
                OrderDecisions.ProductLine(GrainFactory, request.ProductLine), OrderDecisions.Buyer(GrainFactory, request.CustomerId),
                OrderDecisions.CurrentPolicy(GrainFactory), clock, metrics);
            // Only a state that reached the store becomes this order's: an unknown customer or a store error leaves
            // nothing half-submitted behind.
            var empty = state.State;
            state.State = submitted;
            try
            {
                await state.WriteStateAsync();
            }
            catch (InconsistentStateException)
            {
                // A record appeared since this activation found none (the intake filed the order, or a write that failed
                // here reached the store after all): answer as to a retry.
                state.State = empty;
                await state.ReadStateAsync();
                return await Resubmitted(request);
            }
            catch
            {
                state.State = empty;
                throw;
            }
            await PushToBook();
            // No allocation call for the confirmations: an order that was not in the book until now has none (only a
            // committed run confirms, and a run reads the book), so the answer is the order as submitted.
            return OrderDecisions.View(Id, S, OrderConfirmations.None);
        }
        return await Resubmitted(request);
    }

    private async Task<OrderView> Resubmitted(OrderRequest request)
    {
        if (S.Request != request)
            throw new ConflictException($"Order '{Id}' was already submitted with different content.");
        await PushToBook(); // a retried submission also heals a book that missed the first push
        return await Get();
    }

    public async Task<OrderView> Get()
    {
        var request = await RequireRequest();
        return OrderDecisions.View(Id, S, await OrderDecisions.Allocation(GrainFactory, request.ProductLine).GetConfirmations(Id));
    }

    public async Task<IReadOnlyList<AuditEvent>> GetAudit()
    {
        var request = await RequireRequest();
        var allocation = await OrderDecisions.Allocation(GrainFactory, request.ProductLine).GetOrderHistory(Id);
        // Both trails are append-only; merged by time, the order's own event first when two share an instant.
        return [.. S.Audit.Select(e => (Event: e, Source: 0)).Concat(allocation.Select(e => (Event: e, Source: 1)))
            .OrderBy(e => e.Event.At).ThenBy(e => e.Source).Select(e => e.Event)];
    }

    public async Task<OrderView> Cancel(string by)
    {
        await RequireRequest();
        if (S.Status != OrderStatus.Cancelled)
        {
            S.Audit.Add(new AuditEvent(clock.GetUtcNow(), by, "Cancelled", $"Cancelled from {S.Status}; confirmed units go back to supply."));
            S.Status = OrderStatus.Cancelled;
            S.Revision++;
            await state.WriteStateAsync();
            await PushToBook();
        }
        return await Get();
    }

    public async Task<OrderView> RecordImportDecision(ImportDecision decision, string by)
    {
        await RequireOpen();
        DomainValidation.Require(decision, "body");
        var now = clock.GetUtcNow();
        var note = $"{decision.Authority} {decision.Reference}{(string.IsNullOrWhiteSpace(decision.Note) ? "" : $": {decision.Note}")}";
        // The decision already on record, about the same facts (a retried request, a scenario loaded again): nothing to do.
        if (S.Resolutions.LastOrDefault(r => r.Gate == Gate.ImportApproval) is { } last
            && last.Cleared == (decision.Decision == ImportDecisionKind.Approved) && last.Note == note
            && last.Facts == S.Facts.GetValueOrDefault(Gate.ImportApproval, ""))
            return await Get();
        S.Resolutions.Add(new Resolution(Gate.ImportApproval, decision.Decision == ImportDecisionKind.Approved,
            S.Facts.GetValueOrDefault(Gate.ImportApproval, ""), by, now, note));
        S.Audit.Add(new AuditEvent(now, by, "ImportDecisionRecorded", $"{decision.Decision} by {note}"));
        await Decide($"import decision ({decision.Decision})", by);
        return await Get();
    }

    public async Task<OrderView> RecordReview(ReviewDecision decision, string by)
    {
        await RequireOpen();
        DomainValidation.Require(decision, "body");
        var held = S.Gates
            .Where(d => d.Outcome == GateOutcome.Hold && d.Reason is ReasonCodes.PossibleDeniedParty or ReasonCodes.DiversionReview)
            .Select(d => d.Gate)
            .ToList();
        if (held.Count == 0)
        {
            // The review that cleared or denied the hold, sent again (a retried request, a scenario loaded again).
            if (S.Resolutions.LastOrDefault(r => r.Gate != Gate.ImportApproval) is { } last
                && last.Cleared == (decision.Decision == ReviewDecisionKind.Clear) && last.Note == decision.Note)
                return await Get();
            throw new ConflictException($"Order '{Id}' has no screening or diversion hold to review (status {S.Status}).");
        }
        var now = clock.GetUtcNow();
        foreach (var gate in held)
            S.Resolutions.Add(new Resolution(gate, decision.Decision == ReviewDecisionKind.Clear, S.Facts.GetValueOrDefault(gate, ""), by, now, decision.Note));
        S.Audit.Add(new AuditEvent(now, by, "ReviewRecorded", $"{decision.Decision} of {string.Join(", ", held)}{(string.IsNullOrWhiteSpace(decision.Note) ? "" : $": {decision.Note}")}"));
        await Decide($"review ({decision.Decision})", by);
        return await Get();
    }

    public async Task<OrderReevaluation> Reevaluate(string reevaluationId, ReevaluationScope scope)
    {
        await RequireRequest();
        if (S.LastReevaluation is { } last && last.Id == reevaluationId) return new(last.Impact, Entry());
        var before = (S.Status, Reasons: OrderDecisions.Reasons(S.Gates));
        if (S.Status == OrderStatus.Cancelled || !await Judge(scope.Trigger, scope.By))
        {
            S.Audit.Add(new AuditEvent(clock.GetUtcNow(), scope.By, "Reevaluated",
                $"{S.Status}, unchanged, on {scope.Trigger}{(S.Gates.Count > 0 ? $" under policy v{S.Gates[0].PolicyVersion}" : "")}"));
        }
        // A version's re-evaluation reports the order's move from before the version, also when another trigger (a
        // licence recorded after the version came into force) decided the order under it first.
        if (scope.PolicyVersion is { } version && S.VersionEntered is { } entered && entered.Version == version)
            before = (entered.StatusBefore, entered.ReasonsBefore);
        var impact = Impact(before.Status, before.Reasons, S.Status, OrderDecisions.Reasons(S.Gates));
        S.LastReevaluation = new LastReevaluation(reevaluationId, impact);
        await state.WriteStateAsync();
        return new OrderReevaluation(impact, Entry());
    }

    public async Task<OrderImpact> PreviewUnder(VersionedPolicy draft)
    {
        var request = await RequireRequest();
        var reasons = OrderDecisions.Reasons(S.Gates);
        if (S.Status == OrderStatus.Cancelled) return Impact(S.Status, reasons, S.Status, reasons);
        var buyer = await OrderDecisions.Buyer(GrainFactory, request.CustomerId);
        var verdict = GateEvaluator.Evaluate(new ComplianceCase(request, buyer.Profile, buyer.Licenses, draft, S.Resolutions, clock.GetUtcNow()));
        return Impact(S.Status, reasons, verdict.Status, OrderDecisions.Reasons(verdict.Decisions));
    }

    /// <summary>Runs every gate; when anything changed, persists and tells the allocation book.</summary>
    private async Task Decide(string trigger, string by)
    {
        if (!await Judge(trigger, by)) return;
        await state.WriteStateAsync();
        await PushToBook();
    }

    /// <summary>Runs every gate under the buyer and policy as they are now; records in memory (not yet on file) what changed.</summary>
    private async Task<bool> Judge(string trigger, string by)
    {
        var buyer = OrderDecisions.Buyer(GrainFactory, S.Request!.CustomerId);
        var policy = OrderDecisions.CurrentPolicy(GrainFactory);
        return OrderDecisions.Judge(S, trigger, by, await buyer, await policy, clock.GetUtcNow(), metrics);
    }

    private OrderImpact Impact(OrderStatus before, IReadOnlyList<string> reasonsBefore, OrderStatus after, IReadOnlyList<string> reasonsAfter) =>
        new(Id, S.Request!.CustomerId, S.Request.ProductLine, before, after, reasonsBefore, reasonsAfter);

    private Task PushToBook() => OrderDecisions.Allocation(GrainFactory, S.Request!.ProductLine).Upsert(Entry());

    private BookEntry Entry() => OrderDecisions.Entry(Id, S);

    /// <summary>
    /// The order's request, or not found. An activation that found no order may be older than the order:
    /// <see cref="OrderIntake"/> files new orders without activating their grain, so it looks again before saying so.
    /// </summary>
    private async ValueTask<OrderRequest> RequireRequest()
    {
        if (S.Request is null) await state.ReadStateAsync();
        return S.Request ?? throw new NotFoundException("order", Id);
    }

    private async ValueTask RequireOpen()
    {
        await RequireRequest();
        if (S.Status == OrderStatus.Cancelled) throw new ConflictException($"Order '{Id}' is cancelled.");
    }
}
