using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Allocation.Reallocation;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// Turns the allocation grain's book and confirmations plus the product line's supply into a run's inputs: first the
/// re-allocation plan (what a supply cut takes back, what Win orders get set aside), then the engine's problem on the
/// supply and demand that plan leaves.
/// </summary>
internal static class RunPreparation
{
    public static RunInputs Prepare(
        AllocationRunRequest request,
        IReadOnlyDictionary<string, BookEntry> book,
        IReadOnlyDictionary<string, List<Confirmation>> confirmations,
        IReadOnlyDictionary<IsoWeek, int> produced,
        IReadOnlyDictionary<IsoWeek, int> committed,
        int lotSize,
        IReadOnlyDictionary<string, int> licenseRemaining)
    {
        var plan = ReallocationPlanner.Plan(new ReallocationProblem(request.FromWeek, request.ToWeek, lotSize, produced,
            Holdings(book, confirmations), licenseRemaining));

        // The plan's takebacks and reservations move committed supply, licence room and what each order still wants.
        var committedAfter = committed.ToDictionary();
        var licensesAfter = licenseRemaining.ToDictionary();
        var wantsMore = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in plan.Takebacks)
        {
            committedAfter[t.Week] = committedAfter.GetValueOrDefault(t.Week) - t.Quantity;
            if (t.LicenseId is not null) licensesAfter[t.LicenseId] = licensesAfter.GetValueOrDefault(t.LicenseId) + t.Quantity;
            wantsMore[t.OrderId] = wantsMore.GetValueOrDefault(t.OrderId) + t.Quantity;
        }
        foreach (var r in plan.Reservations.Where(r => r.Reserved > 0))
        {
            committedAfter[r.Week] = committedAfter.GetValueOrDefault(r.Week) + r.Reserved;
            if (r.LicenseId is not null) licensesAfter[r.LicenseId] = licensesAfter.GetValueOrDefault(r.LicenseId) - r.Reserved;
            wantsMore[r.OrderId] = wantsMore.GetValueOrDefault(r.OrderId) - r.Reserved;
        }

        var excluded = plan.ExcludedFromAllocation.ToHashSet(StringComparer.Ordinal);
        var demand = new List<DemandLine>(book.Count);
        foreach (var e in book.Values)
        {
            if (e.Status != OrderStatus.Approved || excluded.Contains(e.OrderId)) continue;
            var remaining = e.Quantity - AllocationState.Total(confirmations.GetValueOrDefault(e.OrderId)) + wantsMore.GetValueOrDefault(e.OrderId);
            if (remaining > 0)
                demand.Add(new DemandLine(e.OrderId, e.CustomerId, e.Tier, e.Weight, e.PastPurchases, e.RequestedWeek, e.SubmittedAt,
                    remaining, e.Destination, e.LicenseId, e.ConfirmationClass));
        }
        var released = new SupplyLedger(produced, committedAfter).ReleasedSupply(request.FromWeek, request.ToWeek);
        var licenses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in demand)
        {
            if (d.LicenseId is { } licence) licenses.TryAdd(licence, licensesAfter.GetValueOrDefault(licence));
        }
        var problem = new AllocationProblem(request.FromWeek, request.ToWeek, released, lotSize, demand, licenses,
            request.Caps ?? AllocationCaps.None, request.Strategy);
        return new RunInputs(problem, plan.IsReallocation || plan.Reservations.Count > 0 ? plan : null);
    }

    /// <summary>The licences a run may draw on: those of approved orders and of orders holding confirmations.</summary>
    public static List<string> Licenses(IReadOnlyDictionary<string, BookEntry> book, IReadOnlyDictionary<string, List<Confirmation>> confirmations)
    {
        var licenses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in book.Values)
        {
            if (e.LicenseId is { } licence && (e.Status == OrderStatus.Approved || confirmations.ContainsKey(e.OrderId))) licenses.Add(licence);
        }
        return [.. licenses];
    }

    // Every order holding confirmations, whatever its status (the committed supply counts them all), and approved
    // orders that still want units (a Win order's unconfirmed demand is required in a re-allocation).
    private static List<OrderHolding> Holdings(IReadOnlyDictionary<string, BookEntry> book, IReadOnlyDictionary<string, List<Confirmation>> confirmations)
    {
        var holdings = new List<OrderHolding>(confirmations.Count);
        foreach (var e in book.Values)
        {
            var held = confirmations.GetValueOrDefault(e.OrderId);
            var unconfirmed = e.Status == OrderStatus.Approved ? e.Quantity - AllocationState.Total(held) : 0;
            if (held is { Count: > 0 } || (unconfirmed > 0 && e.ConfirmationClass == ConfirmationClass.Win))
                holdings.Add(new OrderHolding(e.OrderId, e.CustomerId, e.Tier, e.Weight, e.ConfirmationClass, held ?? [], e.RequestedWeek,
                    Math.Max(0, unconfirmed), e.LicenseId));
        }
        return holdings;
    }
}
