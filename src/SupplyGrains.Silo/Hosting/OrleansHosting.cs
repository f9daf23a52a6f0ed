using SupplyGrains.Grains;
using SupplyGrains.Grains.Compliance;
using SupplyGrains.Grains.Storage;
using SupplyGrains.Grains.Telemetry;
using SupplyGrains.Silo.Health;

namespace SupplyGrains.Silo.Hosting;

/// <summary>The silo this host co-hosts: clustering, the grain store, and the services grains use.</summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder AddSupplyGrainsSilo(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var provider = config["Storage:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not available in this build; use Sqlite (the PostgreSQL cluster profile is planned).");

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SupplyGrainsMetrics>();
        builder.Services.AddSingleton<SiloReadiness>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                siloPort: config.GetValue("Orleans:SiloPort", 11111),
                gatewayPort: config.GetValue("Orleans:GatewayPort", 30000),
                serviceId: config["Orleans:ServiceId"] ?? "supplygrains",
                clusterId: config["Orleans:ClusterId"] ?? "supplygrains");
            silo.AddSqliteGrainStorage(GrainStorage.Name, o => o.Path = config["Storage:Path"] ?? "./data/supplygrains.db");
            silo.AddComplianceClock(o => o.Interval = config.GetValue("Compliance:ClockInterval", o.Interval));
            silo.AddActivityPropagation();
        });
        return builder;
    }
}
