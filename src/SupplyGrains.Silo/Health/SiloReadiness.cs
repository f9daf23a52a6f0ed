using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupplyGrains.Silo.Health;

/// <summary>
/// Ready once the silo is active and the start-up work (the demo scenario on an empty store) has finished; not
/// ready again from the moment the silo starts stopping, so a load balancer drains it before it goes.
/// </summary>
public sealed class SiloReadiness : IHealthCheck, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly TaskCompletionSource _siloActive = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _startupDone;
    private volatile bool _stopping;

    /// <summary>Completes when the silo has become active.</summary>
    public Task SiloActive => _siloActive.Task;

    public void StartupWorkDone() => _startupDone = true;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active,
        _ => { _siloActive.TrySetResult(); return Task.CompletedTask; },
        _ => { _stopping = true; return Task.CompletedTask; });

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            _stopping ? HealthCheckResult.Unhealthy("The silo is stopping.")
            : !_siloActive.Task.IsCompleted ? HealthCheckResult.Unhealthy("The silo is not active yet.")
            : !_startupDone ? HealthCheckResult.Unhealthy("Start-up work (demo scenario) is still running.")
            : HealthCheckResult.Healthy("The silo is active."));
}
