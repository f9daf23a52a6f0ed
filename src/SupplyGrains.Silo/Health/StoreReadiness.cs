using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;
using SupplyGrains.Grains;
using SupplyGrains.Grains.Storage;

namespace SupplyGrains.Silo.Health;

/// <summary>
/// Ready only while the grain store answers: a silo whose database is away takes no traffic (its requests would
/// all be 503s), and is ready again as soon as the store is back, without a restart.
/// </summary>
public sealed class StoreReadiness(IServiceProvider services) : IHealthCheck
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetKeyedService<IGrainStorage>(GrainStorage.Name) is not GroupCommitGrainStorage store)
            return HealthCheckResult.Unhealthy("The grain store is not registered yet.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await store.ProbeAsync(deadline.Token);
            return HealthCheckResult.Healthy("The grain store answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The grain store does not answer: {e.Message}");
        }
    }
}
