using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;

using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Compliance;

/// <summary>
/// Re-decides the open orders a trigger concerns (or judges them under a draft policy), in batches, from a grain
/// timer: <see cref="Start"/> returns at once, so the grain that triggered it is free again before any order calls it.
/// Each batch's book entries go to their allocation books in one call per product line. Progress is checkpointed
/// about once a second rather than per batch (the list of changes grows with the book); after a crash the orders
/// since the last checkpoint are asked again, and answer the same (an order remembers its latest re-evaluation).
/// </summary>
public sealed class ReevaluationGrain(
    [PersistentState("reevaluation", GrainStorage.Name)] IPersistentState<ReevaluationState> state,
    [PersistentState("reevaluation-orders", GrainStorage.Name)] IPersistentState<ReevaluationOrders> orders,
    SupplyGrainsMetrics metrics,
    ILogger<ReevaluationGrain> logger) : Grain, IReevaluationGrain
{
    private const int BatchSize = 512;
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IGrainTimer? _timer;

    private string Id => this.GetPrimaryKeyString();

    private ReevaluationState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Completed) _completed.TrySetResult();
        else if (S.Scope is not null) Schedule(); // resume after a restart or a move
        return Task.CompletedTask;
    }

    public async Task Start(ReevaluationScope scope)
    {
        if (S.Scope is not null) return;
        S.Scope = scope;
        await state.WriteStateAsync();
        Schedule();
    }

    public Task<ReevaluationReport> GetReport() => Task.FromResult(Report());

    public async Task<ReevaluationReport> WaitForReport(TimeSpan timeout)
    {
        try
        {
            await _completed.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // Still running: the report says how far it got.
        }
        return Report();
    }

    private ReevaluationReport Report()
    {
        var byReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byTransition = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var change in S.Changes)
        {
            foreach (var reason in change.ReasonsAfter) byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
            var transition = $"{change.Before}→{change.After}";
            byTransition[transition] = byTransition.GetValueOrDefault(transition) + 1;
        }
        return new ReevaluationReport(Id, S.Scope?.Trigger ?? "", orders.State.OrderIds.Count, S.Done, S.Completed, S.StatusCounts.ToDictionary(),
            S.Failed, S.Scope?.PolicyVersion ?? S.Scope?.Draft?.Version, S.Scope?.Draft is not null, S.Changes.Count, byReason, byTransition,
            [.. S.Changes]);
    }

    private void Schedule() => _timer ??= this.RegisterGrainTimer(Work, new GrainTimerCreationOptions
    {
        DueTime = TimeSpan.Zero,
        // Ticks again only when a tick failed (the store or a book away): the work resumes where it stood.
        Period = RetryAfter,
        // Report reads interleave with the work; only this callback changes the state.
        Interleave = true,
        KeepAlive = true,
    });

    private async Task Work(CancellationToken cancellationToken)
    {
        var scope = S.Scope!;
        if (!S.Listed)
        {
            var open = new List<string>();
            foreach (var productLine in await GrainFactory.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.Key).List())
                open.AddRange(await GrainFactory.GetGrain<IAllocationGrain>(productLine).OpenOrderIds(scope.CustomerId));
            orders.State.OrderIds = open;
            await orders.WriteStateAsync(cancellationToken);
            S.Listed = true;
            await state.WriteStateAsync(cancellationToken);
        }

        var ids = orders.State.OrderIds;
        var checkpoint = Stopwatch.GetTimestamp();
        while (S.Done < ids.Count && !cancellationToken.IsCancellationRequested)
        {
            var batch = ids.GetRange(S.Done, Math.Min(BatchSize, ids.Count - S.Done));
            var impacts = scope.Draft is { } draft
                ? await Task.WhenAll(batch.Select(id => Judge(id, order => order.PreviewUnder(draft))))
                : await Reevaluate(batch, scope);
            foreach (var impact in impacts)
            {
                if (impact is null) { S.Failed++; continue; }
                S.StatusCounts[impact.After] = S.StatusCounts.GetValueOrDefault(impact.After) + 1;
                if (impact.IsChange) S.Changes.Add(impact);
            }
            S.Done += batch.Count;
            if (Stopwatch.GetElapsedTime(checkpoint) >= CheckpointEvery || S.Done == ids.Count)
            {
                S.Completed = S.Done == ids.Count;
                await state.WriteStateAsync(cancellationToken);
                checkpoint = Stopwatch.GetTimestamp();
            }
        }
        if (S.Done < ids.Count) return;
        if (!S.Completed)
        {
            S.Completed = true;
            await state.WriteStateAsync(cancellationToken);
        }
        logger.LogInformation("Re-evaluation {Id} ({Trigger}) re-decided {Count} orders: {Changed} changed, {Failed} failed",
            Id, scope.Trigger, S.Done, S.Changes.Count, S.Failed);
        metrics.ReevaluationFinished(scope.Draft is not null ? "preview" : scope.PolicyVersion is not null ? "policy" : "customer",
            S.Done - S.Changes.Count - S.Failed, S.Changes.Count);
        _timer?.Dispose();
        _timer = null;
        _completed.TrySetResult();
    }

    /// <summary>Re-decides a batch, then pushes its book entries, one call per product line.</summary>
    private async Task<OrderImpact?[]> Reevaluate(List<string> batch, ReevaluationScope scope)
    {
        var results = await Task.WhenAll(batch.Select(id => Judge(id, order => order.Reevaluate(Id, scope))));
        await Task.WhenAll(results.OfType<OrderReevaluation>()
            .GroupBy(r => r.Impact.ProductLine)
            .Select(g => GrainFactory.GetGrain<IAllocationGrain>(g.Key).UpsertMany([.. g.Select(r => r.Entry)])));
        return [.. results.Select(r => r?.Impact)];
    }

    /// <summary>One order's answer; an order that fails is counted as failed rather than stopping the rest.</summary>
    private async Task<T?> Judge<T>(string orderId, Func<IOrderGrain, Task<T>> ask) where T : class
    {
        try
        {
            return await ask(GrainFactory.GetGrain<IOrderGrain>(orderId));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Re-evaluation {Id}: order {OrderId} failed", Id, orderId);
            return null;
        }
    }
}
