using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Orders;

/// <summary>
/// Files a new order under an id nobody can know yet, without activating its grain: decides it as the grain would
/// (<see cref="OrderDecisions.Submit"/>), writes its record to the grain store on the claim that none exists, puts it in
/// its product line's book, and answers once both writes are durable. The order's grain activates from that record
/// when someone first asks for the order.
/// </summary>
/// <remarks>
/// Measured on the intake path (bench/README.md §5): activating a grain per new order, with its placement, directory
/// entry and a store read that finds nothing, plus the call into it, was a third of the silo's CPU per order, and every
/// activation stayed in memory. The reads every order shares (the policy in force, its product line) are held for a
/// short lease (<see cref="LeasedRead{T}"/>), the book entries go out in batches (<see cref="CallBatcher{TItem,TResult}"/>),
/// and the buyer is read per order. A retry of an order keyed by the caller (<c>Idempotency-Key</c>) must find the
/// first submission, so keyed orders keep going through their grain; so does anything else that reaches an existing order.
/// </remarks>
public sealed class OrderIntake
{
    // Product lines are few, but a request may name any: unknown names must not grow these without bound.
    private const int MaxProductLines = 1_000;

    private readonly IGrainFactory _grains;
    private readonly IGrainStorage _store;
    private readonly SupplyGrainsMetrics _metrics;
    private readonly TimeProvider _clock;
    // The order grain's type, looked up once: a grain reference per new order only to learn its id was 3 % of the
    // silo's CPU on the intake path (bench/README.md §5).
    private readonly GrainType _orderType;
    private readonly LeasedRead<VersionedPolicy?> _policy;
    private readonly ConcurrentDictionary<string, LeasedRead<ProductLineDefinition>> _productLines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CallBatcher<BookEntry, bool>> _books = new(StringComparer.Ordinal);
    // Made once: a lambda using this instance's fields would be a new delegate on every order.
    private readonly Func<string, LeasedRead<ProductLineDefinition>> _newProductLineRead;
    private readonly Func<string, CallBatcher<BookEntry, bool>> _newBookWrite;

    public OrderIntake(IGrainFactory grains, IServiceProvider services, SupplyGrainsMetrics metrics, TimeProvider clock)
    {
        _grains = grains;
        _store = services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        _metrics = metrics;
        _clock = clock;
        _orderType = grains.GetGrain<IOrderGrain>("o").GetGrainId().Type;
        _policy = new(() => OrderDecisions.CurrentPolicy(grains), clock);
        _newProductLineRead = productLine => new(() => OrderDecisions.ProductLine(grains, productLine), clock);
        _newBookWrite = productLine => new(async entries =>
        {
            await OrderDecisions.Allocation(grains, productLine).UpsertMany(entries);
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
        try
        {
            // No ETag: the write fails rather than replace a record that is already there.
            await _store.WriteStateAsync(OrderGrain.StateName, GrainId.Create(_orderType, freshId), new GrainState<OrderState>(state));
        }
        catch (InconsistentStateException)
        {
            // Only a broken id generator gets here; the grain tells the same order from a different one.
            return await _grains.GetGrain<IOrderGrain>(freshId).Submit(request, by);
        }
        await PerProductLine(_books, request.ProductLine, _newBookWrite).Add(OrderDecisions.Entry(freshId, state));
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
