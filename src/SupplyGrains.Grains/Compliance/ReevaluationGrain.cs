using Microsoft.Extensions.Logging;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Compliance;

/// <summary>
/// Re-decides the open orders a trigger concerns, in batches, from a grain timer: <see cref="Start"/> returns at
/// once, so the policy or customer grain that triggered it is free again before any order calls it.
/// </summary>
public sealed class ReevaluationGrain(
    [PersistentState("reevaluation", GrainStorage.Name)] IPersistentState<ReevaluationState> state,
    ILogger<ReevaluationGrain> logger) : Grain, IReevaluationGrain
{
    private const int BatchSize = 256;
    private IGrainTimer? _timer;

    private ReevaluationState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Scope is not null && !S.Completed) Schedule(); // resume after a restart or a move
        return Task.CompletedTask;
    }

    public async Task Start(ReevaluationScope scope)
    {
        if (S.Scope is not null) return;
        S.Scope = scope;
        await state.WriteStateAsync();
        Schedule();
    }

    public Task<ReevaluationProgress> GetProgress() => Task.FromResult(new ReevaluationProgress(
        this.GetPrimaryKeyString(), S.Scope?.Trigger ?? "", S.OrderIds?.Count ?? 0, S.Done, S.Completed, S.StatusCounts.ToDictionary(), S.Failed));

    private void Schedule() => _timer ??= this.RegisterGrainTimer(Work, new GrainTimerCreationOptions
    {
        DueTime = TimeSpan.Zero,
        Period = Timeout.InfiniteTimeSpan,
        // Progress reads interleave with the work; only this callback changes the state.
        Interleave = true,
        KeepAlive = true,
    });

    private async Task Work(CancellationToken cancellationToken)
    {
        if (S.OrderIds is null)
        {
            var ids = new List<string>();
            foreach (var productLine in await GrainFactory.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.Key).List())
                ids.AddRange(await GrainFactory.GetGrain<IAllocationGrain>(productLine).OpenOrderIds(S.Scope!.CustomerId));
            S.OrderIds = ids;
            await state.WriteStateAsync(cancellationToken);
        }

        while (S.Done < S.OrderIds.Count && !cancellationToken.IsCancellationRequested)
        {
            var batch = S.OrderIds.Skip(S.Done).Take(BatchSize).ToList();
            var results = await Task.WhenAll(batch.Select(Reevaluate));
            foreach (var status in results)
            {
                if (status is { } s) S.StatusCounts[s] = S.StatusCounts.GetValueOrDefault(s) + 1;
                else S.Failed++;
            }
            S.Done += batch.Count;
            await state.WriteStateAsync(cancellationToken);
        }
        if (S.Done >= S.OrderIds.Count)
        {
            S.Completed = true;
            await state.WriteStateAsync(cancellationToken);
            logger.LogInformation("Re-evaluation {Id} ({Trigger}) re-decided {Count} orders ({Failed} failed)",
                this.GetPrimaryKeyString(), S.Scope!.Trigger, S.Done, S.Failed);
            _timer?.Dispose();
            _timer = null;
        }
    }

    private async Task<OrderStatus?> Reevaluate(string orderId)
    {
        try
        {
            return await GrainFactory.GetGrain<IOrderGrain>(orderId).Reevaluate(S.Scope!.Trigger);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Re-evaluation {Id}: order {OrderId} failed", this.GetPrimaryKeyString(), orderId);
            return null;
        }
    }
}
