using Microsoft.Extensions.DependencyInjection;
using SupplyGrains.Contracts.Compliance;

namespace SupplyGrains.Grains.Compliance;

public static class ComplianceClockSiloBuilderExtensions
{
    /// <summary>Starts the compliance clock with the silo, so dates are watched without a request arriving first.</summary>
    public static ISiloBuilder AddComplianceClock(this ISiloBuilder silo, Action<ComplianceClockOptions>? configure = null)
    {
        silo.Services.AddOptions<ComplianceClockOptions>().Configure(o => configure?.Invoke(o));
        return silo.AddStartupTask((services, _) =>
            services.GetRequiredService<IGrainFactory>().GetGrain<IComplianceClockGrain>(IComplianceClockGrain.Key).Start());
    }
}
