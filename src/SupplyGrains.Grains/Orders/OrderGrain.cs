using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Customers;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Orders;

/// <summary>
/// An order: runs the gates on submission and on every trigger, records the people's resolutions and an audit
/// trail, and pushes each change to its product line's allocation book. It calls only grains that never call it
/// back (customer, policy, product line, allocation), so it cannot take part in a deadlock.
/// </summary>
public sealed class OrderGrain(
    [PersistentState("order", GrainStorage.Name)] IPersistentState<OrderState> state,
    SupplyGrainsMetrics metrics,
    TimeProvider clock) : Grain, IOrderGrain
{
    private string Id => this.GetPrimaryKeyString();

    private OrderState S => state.State;

    public async Task<OrderView> Submit(OrderRequest request, string by)
    {
        EntityId.Require(Id, "id");
        DomainValidation.Require(request, "body");
        if (S.Request is not null)
        {
            if (S.Request != request)
                throw new ConflictException($"Order '{Id}' was already submitted with different content.");
            await PushToBook(); // a retried submission also heals a book that missed the first push
            return await Get();
        }

        // The three reads the decision needs go out side by side (none of them changes anything); their answers are
        // looked at in the order the checks are made, so bad input is reported as before.
        var lotSize = LotSizeOf(request.ProductLine);
        var buyer = BuyerOf(request.CustomerId);
        var policy = CurrentPolicy();
        if (request.Quantity % await lotSize != 0)
            throw new DomainValidationException("quantity", $"must be a positive multiple of the {request.ProductLine} lot size ({await lotSize} units)");
        // Before anything changes in memory: an unknown customer must leave no half-submitted order behind.
        var buyerContext = await buyer;

        S.Request = request;
        S.SubmittedBy = by;
        S.SubmittedAt = clock.GetUtcNow();
        S.Audit.Add(new AuditEvent(S.SubmittedAt, by, "Submitted",
            $"{request.Quantity} × {request.ProductLine} from {request.RequestedWeek} for {request.UseCase}, ship to {request.ShipToCountry}" +
            (request.EndUser is { } u ? $", end user {u.Name} ({u.Country})" : "")));
        await Decide("submission", by, buyerContext, policy);
        // No allocation call for the confirmations: an order that was not in the book until now has none (only a
        // committed run confirms, and a run reads the book), so the answer is the order as submitted.
        return View(request, OrderConfirmations.None);
    }

    public async Task<OrderView> Get()
    {
        var request = RequireRequest();
        return View(request, await Allocation(request).GetConfirmations(Id));
    }

    private OrderView View(OrderRequest request, OrderConfirmations confirmations) =>
        new(Id, request.CustomerId, request.ProductLine, request.Quantity, request.RequestedWeek,
            request.UseCase, request.ShipToCountry, request.EndUser, request.EffectiveConfirmationClass, S.Status, S.Gates,
            confirmations.Allocated, request.Quantity - confirmations.Allocated, confirmations.Confirmations,
            S.SubmittedAt, S.LicenseId, S.SubmittedBy);

    public async Task<IReadOnlyList<AuditEvent>> GetAudit()
    {
        var request = RequireRequest();
        var allocation = await Allocation(request).GetOrderHistory(Id);
        // Both trails are append-only; merged by time, the order's own event first when two share an instant.
        return [.. S.Audit.Select(e => (Event: e, Source: 0)).Concat(allocation.Select(e => (Event: e, Source: 1)))
            .OrderBy(e => e.Event.At).ThenBy(e => e.Source).Select(e => e.Event)];
    }

    public async Task<OrderView> Cancel(string by)
    {
        RequireRequest();
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
        RequireOpen();
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
        RequireOpen();
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
        RequireRequest();
        if (S.LastReevaluation is { } last && last.Id == reevaluationId) return new(last.Impact, Entry());
        var before = (S.Status, Reasons: Reasons(S.Gates));
        if (S.Status == OrderStatus.Cancelled || !await Judge(scope.Trigger, scope.By))
        {
            S.Audit.Add(new AuditEvent(clock.GetUtcNow(), scope.By, "Reevaluated",
                $"{S.Status}, unchanged, on {scope.Trigger}{(S.Gates.Count > 0 ? $" under policy v{S.Gates[0].PolicyVersion}" : "")}"));
        }
        var impact = Impact(before.Status, before.Reasons, S.Status, Reasons(S.Gates));
        S.LastReevaluation = new LastReevaluation(reevaluationId, impact);
        await state.WriteStateAsync();
        return new OrderReevaluation(impact, Entry());
    }

    public async Task<OrderImpact> PreviewUnder(VersionedPolicy draft)
    {
        var request = RequireRequest();
        if (S.Status == OrderStatus.Cancelled) return Impact(S.Status, Reasons(S.Gates), S.Status, Reasons(S.Gates));
        var buyer = await CachedGrainReferences.Get<ICustomerGrain>(GrainFactory, request.CustomerId).GetBuyer();
        var verdict = GateEvaluator.Evaluate(new ComplianceCase(request, buyer.Profile, buyer.Licenses, draft, S.Resolutions, clock.GetUtcNow()));
        return Impact(S.Status, Reasons(S.Gates), verdict.Status, Reasons(verdict.Decisions));
    }

    /// <summary>Runs every gate; when anything changed, persists and tells the allocation book.</summary>
    private async Task Decide(string trigger, string by, BuyerContext? buyer = null, Task<VersionedPolicy?>? policy = null)
    {
        if (!await Judge(trigger, by, buyer, policy)) return;
        await state.WriteStateAsync();
        await PushToBook();
    }

    /// <summary>Runs every gate and records in memory (not yet on file) what changed; true when anything did.</summary>
    private async Task<bool> Judge(string trigger, string by, BuyerContext? buyer = null, Task<VersionedPolicy?>? current = null)
    {
        var request = RequireRequest();
        buyer ??= await CachedGrainReferences.Get<ICustomerGrain>(GrainFactory, request.CustomerId).GetBuyer();
        var policy = await (current ?? CurrentPolicy());
        var now = clock.GetUtcNow();
        var verdict = policy is null
            ? NoPolicyInForce(now)
            : GateEvaluator.Evaluate(new ComplianceCase(request, buyer.Profile, buyer.Licenses, policy, S.Resolutions, now));

        var before = (S.Status, Reasons: string.Join(',', Reasons(S.Gates)), S.LicenseId, Policy: S.Gates.FirstOrDefault()?.PolicyVersion);
        var ranking = new BuyerRanking(buyer.Profile.Tier, buyer.Profile.Weight, buyer.Profile.PastPurchases);
        var changed = S.Gates.Count == 0
            || before != (verdict.Status, string.Join(',', Reasons(verdict.Decisions)), verdict.LicenseId, verdict.Decisions.FirstOrDefault()?.PolicyVersion)
            || ranking != S.Buyer
            || !S.Facts.OrderBy(f => f.Key).SequenceEqual(verdict.Facts.OrderBy(f => f.Key));
        if (!changed) return false;

        S.Audit.Add(new AuditEvent(now, by, "GatesEvaluated",
            $"{(S.Gates.Count == 0 ? "" : $"{S.Status} → ")}{verdict.Status} on {trigger} under policy v{verdict.Decisions[0].PolicyVersion}: " +
            string.Join(", ", verdict.Decisions.Select(d => $"{d.Gate} {d.Outcome}{(d.Reason is null ? "" : $" {d.Reason}")}")) +
            LicenceUsed(verdict.LicenseId, buyer)));
        S.Status = verdict.Status;
        S.Gates = [.. verdict.Decisions];
        S.LicenseId = verdict.LicenseId;
        S.Facts = verdict.Facts.ToDictionary();
        S.Buyer = ranking;
        S.Revision++;
        foreach (var d in verdict.Decisions) metrics.GateDecided(d.Gate.ToString(), d.Outcome.ToString(), d.Reason);
        return true;
    }

    /// <summary>The licence the export gate drew on, and who recorded it when: the audit names the person behind each licence.</summary>
    private static string LicenceUsed(string? licenseId, BuyerContext buyer)
    {
        if (licenseId is null) return "";
        var licence = buyer.Licenses.FirstOrDefault(l => l.LicenseId == licenseId);
        return licence?.RecordedBy is null
            ? $"; licence {licenseId}"
            : $"; licence {licenseId} recorded by {licence.RecordedBy} at {licence.RecordedAt:yyyy-MM-dd HH:mm:ss}Z";
    }

    private OrderImpact Impact(OrderStatus before, IReadOnlyList<string> reasonsBefore, OrderStatus after, IReadOnlyList<string> reasonsAfter)
    {
        var r = RequireRequest();
        return new OrderImpact(Id, r.CustomerId, r.ProductLine, before, after, reasonsBefore, reasonsAfter);
    }

    /// <summary>Until a policy is in force nothing can be exported safely: every gate holds.</summary>
    private static ComplianceVerdict NoPolicyInForce(DateTimeOffset now) => new(
        OrderStatus.OnHold,
        [.. Enum.GetValues<Gate>().Select(g => new GateDecision(g, GateOutcome.Hold, "NO_POLICY_IN_FORCE",
            "No policy version is in force yet; the order waits until one is published.", 0, now))],
        null,
        new Dictionary<Gate, string>());

    private Task PushToBook() => Allocation(RequireRequest()).Upsert(Entry());

    private BookEntry Entry()
    {
        var r = RequireRequest();
        return new BookEntry(Id, r.CustomerId, S.Buyer.Tier, S.Buyer.Weight, S.Buyer.PastPurchases, r.RequestedWeek,
            S.SubmittedAt, r.Quantity, S.Status, Reasons(S.Gates), r.Destination, S.LicenseId, r.EffectiveConfirmationClass, S.Revision);
    }

    private async Task<int> LotSizeOf(string productLine)
    {
        try
        {
            return (await CachedGrainReferences.Get<IProductLineGrain>(GrainFactory, productLine).GetDefinition()).LotSize;
        }
        catch (NotFoundException)
        {
            throw new DomainValidationException("productLine", $"unknown product line '{productLine}'");
        }
    }

    private async Task<BuyerContext> BuyerOf(string customerId)
    {
        try
        {
            return await CachedGrainReferences.Get<ICustomerGrain>(GrainFactory, customerId).GetBuyer();
        }
        catch (NotFoundException)
        {
            throw new DomainValidationException("customerId", $"unknown customer '{customerId}'; define it first");
        }
    }

    private Task<VersionedPolicy?> CurrentPolicy() => CachedGrainReferences.Get<IPolicyGrain>(GrainFactory, IPolicyGrain.Key).GetCurrent();

    private IAllocationGrain Allocation(OrderRequest r) => CachedGrainReferences.Get<IAllocationGrain>(GrainFactory, r.ProductLine);

    private static IReadOnlyList<string> Reasons(IEnumerable<GateDecision> gates) =>
        [.. gates.Where(g => g.Reason is not null).Select(g => g.Reason!)];

    private OrderRequest RequireRequest() => S.Request ?? throw new NotFoundException("order", Id);

    private void RequireOpen()
    {
        RequireRequest();
        if (S.Status == OrderStatus.Cancelled) throw new ConflictException($"Order '{Id}' is cancelled.");
    }
}
