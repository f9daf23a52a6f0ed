using System.Collections.Concurrent;
using Orleans.Storage;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Allocation;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Orders;

/// <summary>
/// Files a new order under an id nobody can know yet, without activating its grain: decides it as the grain would
/// (<see cref="OrderDecisions.Submit"/>), and hands its record and book entry to its product line's allocation
/// (<see cref="IOrderFiling"/>), which stores the record, on the claim that none exists, in the same transaction as the
/// book page that holds the entry. It answers once that is durable. The order's grain activates from that record
/// when someone first asks for the order.
/// </summary>
/// <remarks>
/// Measured on the intake path (bench/README.md §5): activating a grain per new order, with its placement, directory
/// entry and a store read that finds nothing, plus the call into it, was a third of the silo's CPU per order, and every
/// activation stayed in memory. The reads every order shares (the policy in force, its product line) are held for a
/// short lease (<see cref="LeasedRead{T}"/>), the orders go to the allocation in batches
/// (<see cref="CallBatcher{TItem,TResult}"/>), and the buyer is read per order. Record and entry share one transaction
/// rather than two one after the other: on PostgreSQL each commit was 5–10 ms of an order's time in the silo
/// (bench/README.md §5). A retry of an order keyed by the caller (<c>Idempotency-Key</c>) must find the first
/// submission, so keyed orders keep going through their grain; so does anything else that reaches an existing order.
/// </remarks>
public sealed class OrderIntake
{
    // Product lines are few, but a request may name any: unknown names must not grow these without bound.
    private const int MaxProductLines = 1_000;

    private readonly IGrainFactory _grains;
    private readonly SupplyGrainsMetrics _metrics;
    private readonly TimeProvider _clock;
    // The order grain's type, looked up once: a grain reference per new order only to learn its id was 3 % of the
    // silo's CPU on the intake path (bench/README.md §5).
    private readonly GrainType _orderType;
    private readonly LeasedRead<VersionedPolicy?> _policy;
    private readonly ConcurrentDictionary<string, LeasedRead<ProductLineDefinition>> _productLines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CallBatcher<FiledOrder<OrderState>, bool>> _filings = new(StringComparer.Ordinal);
    // Made once: a lambda using this instance's fields would be a new delegate on every order.
    private readonly Func<string, LeasedRead<ProductLineDefinition>> _newProductLineRead;
    private readonly Func<string, CallBatcher<FiledOrder<OrderState>, bool>> _newFiling;

    public OrderIntake(IGrainFactory grains, SupplyGrainsMetrics metrics, TimeProvider clock)
    {
        _grains = grains;
        _metrics = metrics;
        _clock = clock;
        _orderType = grains.GetGrain<IOrderGrain>("o").GetGrainId().Type;
        _policy = new(() => OrderDecisions.CurrentPolicy(grains), clock);
        _newProductLineRead = productLine => new(() => OrderDecisions.ProductLine(grains, productLine), clock);
        _newFiling = productLine => new(async orders =>
        {
            await grains.GetGrain<IOrderFiling>(productLine).File(orders);
            return true;
        });
    }

    /// <summary>Submits a new order under <paramref name="freshId"/>, an id made for it just now and never handed out.</summary>
    /// <exception cref="DomainValidationException">The request is invalid, or names an unknown product line or customer.</exception>
    public async Task<OrderView> SubmitNew(string freshId, OrderRequest request, string by)
    {
        EntityId.Require(freshId, "id");
        DomainValidation.Require(request, "body");
        var state = await OrderDecisions.Submit(request, by,
            PerProductLine(_productLines, request.ProductLine, _newProductLineRead).Get(),
            OrderDecisions.Buyer(_grains, request.CustomerId),
            _policy.Get(),
            _clock, _metrics);
        var filed = new FiledOrder<OrderState>(OrderDecisions.Entry(freshId, state), OrderGrain.StateName, GrainId.Create(_orderType, freshId), state);
        try
        {
            await PerProductLine(_filings, request.ProductLine, _newFiling).Add(filed);
        }
        catch (InconsistentStateException)
        {
            // Nothing of the write was kept: a record under this id or another of its batch was on file (only a broken
            // id generator makes one). The grain files the order on its own, or tells it from a different one under
            // the same id. (A book page another activation wrote keeps nothing either, and is the caller's to retry:
            // BookReloadingException, a 503.)
            return await _grains.GetGrain<IOrderGrain>(freshId).Submit(request, by);
        }
        // Not yet in any run, so nothing is confirmed.
        return OrderDecisions.View(freshId, state, OrderConfirmations.None);
    }

    private static T PerProductLine<T>(ConcurrentDictionary<string, T> each, string productLine, Func<string, T> create)
    {
        if (each.TryGetValue(productLine, out var one)) return one;
        // A batcher or read dropped here still answers the calls it holds.
        if (each.Count >= MaxProductLines) each.Clear();
        return each.GetOrAdd(productLine, create);
    }
}
