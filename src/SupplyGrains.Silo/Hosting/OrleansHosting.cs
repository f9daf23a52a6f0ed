using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using SupplyGrains.Grains;
using SupplyGrains.Grains.Storage;
using SupplyGrains.Silo.Health;

namespace SupplyGrains.Silo.Hosting;

/// <summary>
/// The silo this host co-hosts: clustering, the grain store, and the services grains use. Two profiles:
/// <c>Storage:Provider=Sqlite</c> (the default) is one silo on an embedded file; <c>Storage:Provider=Postgres</c>
/// is a cluster whose membership (Orleans ADO.NET clustering) and grain state live in PostgreSQL.
/// </summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder AddSupplyGrainsSilo(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var profile = StorageProfile.From(config);

        builder.Services.AddSingleton<SiloReadiness>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());

        builder.UseOrleans(silo =>
        {
            var siloPort = config.GetValue("Orleans:SiloPort", 11111);
            var gatewayPort = config.GetValue("Orleans:GatewayPort", 30000);
            var serviceId = config["Orleans:ServiceId"] ?? "supplygrains";
            var clusterId = config["Orleans:ClusterId"] ?? "supplygrains";
            if (profile.Postgres is { } connectionString)
            {
                silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (serviceId, clusterId));
                // The address other silos and clients reach this one at: in Kubernetes the pod's IP from the downward
                // API (ops/k8s), on one machine loopback. Listening stays on every interface.
                var advertised = IPAddress.Parse(config["Orleans:AdvertisedIP"] ?? "127.0.0.1");
                silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: true);
                silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", StorageProfile.ForMembership(connectionString)));
                silo.AddPostgresGrainStorage(GrainStorage.Name, o => profile.ConfigureGrainState(config, o));
            }
            else
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);
                silo.AddSqliteGrainStorage(GrainStorage.Name, o => o.Path = profile.SqlitePath!);
            }
            // Failure detection, tunable per deployment (tests shorten it so a killed silo is declared dead sooner).
            silo.Configure<ClusterMembershipOptions>(config.GetSection("Orleans:Membership"));
            silo.AddSupplyGrains(clock => clock.Interval = config.GetValue("Compliance:ClockInterval", clock.Interval));
            silo.AddActivityPropagation();
            if (DashboardHosting.IsEnabled(config)) silo.AddDashboard();
        });
        return builder;
    }
}
