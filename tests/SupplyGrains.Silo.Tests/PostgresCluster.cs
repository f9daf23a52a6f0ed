using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupplyGrains.Testing;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// Silo processes of one cluster on the PostgreSQL profile (membership and grain state in <see cref="PostgresDatabase"/>),
/// each on its own ports, with failure detection shortened so a killed silo is declared dead in seconds rather than
/// the production default's half a minute. An Orleans client on the same membership table answers where a grain lives.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly string _clusterId = $"test-{Guid.NewGuid():N}";
    private IHost? _client;

    private PostgresCluster(PostgresDatabase database) => Database = database;

    public PostgresDatabase Database { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public static async Task<PostgresCluster> StartAsync(PostgresDatabase database, int silos)
    {
        var cluster = new PostgresCluster(database);
        try
        {
            // The first silo creates the cluster's version row; the others join it together.
            await cluster.AddSiloAsync();
            await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(_ => cluster.AddSiloAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<SiloProcess> AddSiloAsync()
    {
        var silo = await SiloProcess.StartAsync(Path.Combine(Path.GetTempPath(), "unused-in-postgres-profile.db"), loadDemo: false,
        [
            "--Storage:Provider", "Postgres", "--ConnectionStrings:Postgres", Database.ConnectionString,
            "--Orleans:ClusterId", _clusterId,
            "--Orleans:Membership:ProbeTimeout", "00:00:01", "--Orleans:Membership:NumMissedProbesLimit", "2",
            "--Orleans:Membership:TableRefreshTimeout", "00:00:02", "--Orleans:Membership:DeathVoteExpirationTimeout", "00:00:10",
        ]);
        lock (_silos) _silos.Add(silo);
        return silo;
    }

    /// <summary>The silo process where <paramref name="grain"/> is active now, or null when it is active nowhere.</summary>
    public async Task<SiloProcess?> HostOf(IAddressable grain)
    {
        var address = await (await Client()).GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return address is null ? null : _silos.Single(s => s.SiloPort == address.Endpoint.Port);
    }

    public async Task<IClusterClient> Client()
    {
        if (_client is null)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.UseOrleansClient(client => client
                .Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (_clusterId, "supplygrains"))
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", Database.ConnectionString)));
            _client = builder.Build();
            await _client.StartAsync();
        }
        return _client.Services.GetRequiredService<IClusterClient>();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try { await _client.StopAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { }
            _client.Dispose();
        }
        foreach (var silo in _silos) await silo.DisposeAsync();
    }
}
