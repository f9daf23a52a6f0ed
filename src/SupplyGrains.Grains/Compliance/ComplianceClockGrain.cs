using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplyGrains.Contracts.Compliance;

namespace SupplyGrains.Grains.Compliance;

/// <summary>
/// Ticks every <see cref="ComplianceClockOptions.Interval"/>: brings a future-dated policy version into force on its
/// date and expires licences the day after their expiry date. A tick compares dates only, so it is cheap; Orleans
/// reminders would need a reminder store this product does not have, and a date that passed while the silo was down
/// is caught by the first tick after it starts again.
/// </summary>
public sealed class ComplianceClockGrain(
    [PersistentState("clock", GrainStorage.Name)] IPersistentState<ComplianceClockState> state,
    TimeProvider clock,
    IOptions<ComplianceClockOptions> options,
    ILogger<ComplianceClockGrain> logger) : Grain, IComplianceClockGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = options.Value.Interval,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public Task Start() => Task.CompletedTask;

    public async Task Watch(string licenseId, DateOnly expires)
    {
        if (state.State.Licences.TryGetValue(licenseId, out var known) && known == expires) return;
        state.State.Licences[licenseId] = expires;
        await state.WriteStateAsync();
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        try
        {
            await GrainFactory.GetGrain<IPolicyGrain>(IPolicyGrain.Key).BringInForce();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var expired = state.State.Licences.Where(l => l.Value < today).Select(l => l.Key).ToList();
            foreach (var licenseId in expired)
            {
                await GrainFactory.GetGrain<ILicenseGrain>(licenseId).Expire();
                state.State.Licences.Remove(licenseId);
            }
            if (expired.Count > 0) await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // The next tick tries again: nothing is removed from the watch list until its licence has been told.
            logger.LogWarning(e, "Compliance clock: a tick failed");
        }
    }
}

/// <summary>The licences the clock watches, with their expiry dates.</summary>
[GenerateSerializer, Alias("SupplyGrains.ComplianceClockState")]
public sealed class ComplianceClockState
{
    [Id(0)] public Dictionary<string, DateOnly> Licences { get; set; } = [];
}

/// <summary>How often the compliance clock looks at the date (<c>Compliance:ClockInterval</c>).</summary>
public sealed class ComplianceClockOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
