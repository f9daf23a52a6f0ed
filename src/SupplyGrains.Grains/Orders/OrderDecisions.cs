using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Customers;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Orders;

/// <summary>
/// What an order decides about itself, on an <see cref="OrderState"/>: the submission with its first gate decisions,
/// every later judgement, its book entry and its view. Shared by <see cref="OrderGrain"/> and <see cref="OrderIntake"/>,
/// which files a new order without activating its grain; both must decide alike.
/// </summary>
internal static class OrderDecisions
{
    /// <summary>
    /// A new order's state: the request checked against its product line and buyer, and every gate run under the policy
    /// in force. The three reads go out side by side before this is called (none of them changes anything); their
    /// answers are looked at in the order the checks are made, so bad input is reported the same way every time.
    /// </summary>
    public static async Task<OrderState> Submit(
        OrderRequest request, string by, Task<ProductLineDefinition> productLine, Task<BuyerContext> buyer, Task<VersionedPolicy?> policy,
        TimeProvider clock, SupplyGrainsMetrics metrics)
    {
        var lotSize = (await Known(productLine, "productLine", $"unknown product line '{request.ProductLine}'")).LotSize;
        if (request.Quantity % lotSize != 0)
            throw new DomainValidationException("quantity", $"must be a positive multiple of the {request.ProductLine} lot size ({lotSize} units)");
        var buyerContext = await Known(buyer, "customerId", $"unknown customer '{request.CustomerId}'; define it first");
        var inForce = await policy;

        var state = new OrderState { Request = request, SubmittedBy = by, SubmittedAt = clock.GetUtcNow() };
        state.Audit.Add(new AuditEvent(state.SubmittedAt, by, "Submitted",
            $"{request.Quantity} × {request.ProductLine} from {request.RequestedWeek} for {request.UseCase}, ship to {request.ShipToCountry}" +
            (request.EndUser is { } u ? $", end user {u.Name} ({u.Country})" : "")));
        Judge(state, "submission", by, buyerContext, inForce, clock.GetUtcNow(), metrics);
        return state;
    }

    /// <summary>Runs every gate and records in the state what changed; true when anything did.</summary>
    public static bool Judge(
        OrderState s, string trigger, string by, BuyerContext buyer, VersionedPolicy? policy, DateTimeOffset now, SupplyGrainsMetrics metrics)
    {
        var request = s.Request!;
        var verdict = policy is null
            ? NoPolicyInForce(now)
            : GateEvaluator.Evaluate(new ComplianceCase(request, buyer.Profile, buyer.Licenses, policy, s.Resolutions, now));

        var ranking = new BuyerRanking(buyer.Profile.Tier, buyer.Profile.Weight, buyer.Profile.PastPurchases);
        // A new order has nothing to compare with: it is always recorded.
        if (s.Gates.Count > 0 && !Differs(s, verdict, ranking)) return false;

        s.Audit.Add(new AuditEvent(now, by, "GatesEvaluated",
            $"{(s.Gates.Count == 0 ? "" : $"{s.Status} → ")}{verdict.Status} on {trigger} under policy v{verdict.Decisions[0].PolicyVersion}: " +
            string.Join(", ", verdict.Decisions.Select(d => $"{d.Gate} {d.Outcome}{(d.Reason is null ? "" : $" {d.Reason}")}")) +
            LicenceUsed(verdict.LicenseId, buyer)));
        if (s.Gates.Count > 0 && verdict.Decisions[0].PolicyVersion != s.Gates[0].PolicyVersion)
            s.VersionEntered = new VersionEntered(verdict.Decisions[0].PolicyVersion, s.Status, Reasons(s.Gates));
        s.Status = verdict.Status;
        s.Gates = [.. verdict.Decisions];
        s.LicenseId = verdict.LicenseId;
        s.Facts = verdict.Facts.ToDictionary();
        s.Buyer = ranking;
        s.Revision++;
        foreach (var d in verdict.Decisions) metrics.GateDecided(d.Gate, d.Outcome, d.Reason);
        return true;
    }

    private static bool Differs(OrderState s, ComplianceVerdict verdict, BuyerRanking ranking) =>
        (s.Status, string.Join(',', Reasons(s.Gates)), s.LicenseId, s.Gates.FirstOrDefault()?.PolicyVersion)
            != (verdict.Status, string.Join(',', Reasons(verdict.Decisions)), verdict.LicenseId, verdict.Decisions.FirstOrDefault()?.PolicyVersion)
        || ranking != s.Buyer
        || !s.Facts.Select(f => KeyValuePair.Create(f.Key, ScreeningFacts.Current(f.Key, f.Value))).OrderBy(f => f.Key)
            .SequenceEqual(verdict.Facts.OrderBy(f => f.Key));

    public static BookEntry Entry(string id, OrderState s)
    {
        var r = s.Request!;
        return new BookEntry(id, r.CustomerId, s.Buyer.Tier, s.Buyer.Weight, s.Buyer.PastPurchases, r.RequestedWeek,
            s.SubmittedAt, r.Quantity, s.Status, Reasons(s.Gates), r.Destination, s.LicenseId, r.EffectiveConfirmationClass, s.Revision);
    }

    public static OrderView View(string id, OrderState s, OrderConfirmations confirmations)
    {
        var r = s.Request!;
        return new(id, r.CustomerId, r.ProductLine, r.Quantity, r.RequestedWeek,
            r.UseCase, r.ShipToCountry, r.EndUser, r.EffectiveConfirmationClass, s.Status, s.Gates,
            confirmations.Allocated, r.Quantity - confirmations.Allocated, confirmations.Confirmations,
            s.SubmittedAt, s.LicenseId, s.SubmittedBy);
    }

    public static IReadOnlyList<string> Reasons(IReadOnlyList<GateDecision> gates)
    {
        // Most orders pass every gate. Their book entries, held in memory for as long as the order is open, share the
        // one empty array rather than each keep a list of nothing (56 bytes an order).
        var count = 0;
        foreach (var gate in gates)
        {
            if (gate.Reason is not null) count++;
        }
        if (count == 0) return [];
        var reasons = new string[count];
        count = 0;
        foreach (var gate in gates)
        {
            if (gate.Reason is { } reason) reasons[count++] = reason;
        }
        return reasons;
    }

    public static Task<BuyerContext> Buyer(IGrainFactory grains, string customerId) =>
        CachedGrainReferences.Get<ICustomerGrain>(grains, customerId).GetBuyer();

    public static Task<VersionedPolicy?> CurrentPolicy(IGrainFactory grains) =>
        CachedGrainReferences.Get<IPolicyGrain>(grains, IPolicyGrain.Key).GetCurrent();

    public static Task<ProductLineDefinition> ProductLine(IGrainFactory grains, string productLine) =>
        CachedGrainReferences.Get<IProductLineGrain>(grains, productLine).GetDefinition();

    public static IAllocationGrain Allocation(IGrainFactory grains, string productLine) =>
        CachedGrainReferences.Get<IAllocationGrain>(grains, productLine);

    /// <summary>The licence the export gate drew on, and who recorded it when: the audit names the person behind each licence.</summary>
    private static string LicenceUsed(string? licenseId, BuyerContext buyer)
    {
        if (licenseId is null) return "";
        var licence = buyer.Licenses.FirstOrDefault(l => l.LicenseId == licenseId);
        return licence?.RecordedBy is null
            ? $"; licence {licenseId}"
            : $"; licence {licenseId} recorded by {licence.RecordedBy} at {licence.RecordedAt:yyyy-MM-dd HH:mm:ss}Z";
    }

    /// <summary>Until a policy is in force nothing can be exported safely: every gate holds.</summary>
    private static ComplianceVerdict NoPolicyInForce(DateTimeOffset now) => new(
        OrderStatus.OnHold,
        [.. Enum.GetValues<Gate>().Select(g => new GateDecision(g, GateOutcome.Hold, "NO_POLICY_IN_FORCE",
            "No policy version is in force yet; the order waits until one is published.", 0, now))],
        null,
        new Dictionary<Gate, string>());

    /// <summary>What <paramref name="read"/> found; something it did not find is the request's fault, in the named field.</summary>
    private static async Task<T> Known<T>(Task<T> read, string field, string message)
    {
        try
        {
            return await read;
        }
        catch (NotFoundException)
        {
            throw new DomainValidationException(field, message);
        }
    }
}
