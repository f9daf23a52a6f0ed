using Microsoft.Extensions.DependencyInjection.Extensions;
using SupplyGrains.Grains.Compliance;
using SupplyGrains.Grains.Orders;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains;

public static class SupplyGrainsSiloBuilderExtensions
{
    /// <summary>
    /// What every SupplyGrains silo needs beside its clustering and its grain store (<see cref="GrainStorage.Name"/>):
    /// the services its grains and endpoints use, and the compliance clock. The host and the test clusters both call
    /// this, so a service added here reaches both.
    /// </summary>
    /// <remarks>A <see cref="TimeProvider"/> registered before this call (a test's controlled clock) is kept.</remarks>
    public static ISiloBuilder AddSupplyGrains(this ISiloBuilder silo, Action<ComplianceClockOptions>? clock = null)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<SupplyGrainsMetrics>();
        silo.Services.TryAddSingleton<OrderIntake>();
        return silo.AddComplianceClock(clock);
    }
}
