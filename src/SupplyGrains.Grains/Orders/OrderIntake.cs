using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
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
/// activation stayed in memory. A retry of an order keyed by the caller (<c>Idempotency-Key</c>) must find the first
/// submission, so keyed orders keep going through their grain; so does anything else that reaches an existing order.
/// </remarks>
public sealed class OrderIntake(IGrainFactory grains, IServiceProvider services, SupplyGrainsMetrics metrics, TimeProvider clock)
{
    private readonly IGrainStorage _store = services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);

    /// <summary>Submits a new order under <paramref name="freshId"/>, an id made for it just now and never handed out.</summary>
    /// <exception cref="DomainValidationException">The request is invalid, or names an unknown product line or customer.</exception>
    public async Task<OrderView> SubmitNew(string freshId, OrderRequest request, string by)
    {
        EntityId.Require(freshId, "id");
        var order = grains.GetGrain<IOrderGrain>(freshId);
        var state = await OrderDecisions.Submit(grains, request, by, clock, metrics);
        try
        {
            // No ETag: the write fails rather than replace a record that is already there.
            await _store.WriteStateAsync(OrderGrain.StateName, order.GetGrainId(), new GrainState<OrderState>(state));
        }
        catch (InconsistentStateException)
        {
            // Only a broken id generator gets here; the grain tells the same order from a different one.
            return await order.Submit(request, by);
        }
        await OrderDecisions.Allocation(grains, request).Upsert(OrderDecisions.Entry(freshId, state));
        // Not yet in any run, so nothing is confirmed.
        return OrderDecisions.View(freshId, state, OrderConfirmations.None);
    }
}
