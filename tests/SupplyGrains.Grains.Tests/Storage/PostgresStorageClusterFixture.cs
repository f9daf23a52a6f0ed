using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Orleans.TestingHost;
using SupplyGrains.Grains.Storage;
using SupplyGrains.Testing;

namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>
/// One silo whose only grain store is PostgreSQL, on a fresh database of the configured server with the schema
/// applied by ops/sql/postgresql/apply.sh. Without a server (outside CI) nothing starts and the tests skip.
/// </summary>
public sealed class PostgresStorageClusterFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    /// <summary>The store instance the silo's grains write through.</summary>
    public PostgresGrainStorage SiloStorage => (PostgresGrainStorage)SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageProbeGrain.StorageName);

    public async Task InitializeAsync()
    {
        if (PostgresDatabase.Server is null) return;
        Database = await PostgresDatabase.CreateAsync("storage");
        var builder = new InProcessTestClusterBuilder(1);
        var connectionString = Database.ConnectionString;
        builder.ConfigureSilo((_, silo) => silo.AddPostgresGrainStorage(StorageProbeGrain.StorageName, o => o.ConnectionString = connectionString));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }

    /// <summary>A second store on <paramref name="connectionString"/> (another silo, as far as the database can tell), started; stop it with <see cref="PostgresGrainStorage.StopAsync"/>.</summary>
    public async Task<PostgresGrainStorage> OpenStoreAsync(string? connectionString = null, bool start = true)
    {
        var store = new PostgresGrainStorage(
            "standalone",
            new PostgresGrainStorageOptions { ConnectionString = connectionString ?? Database.ConnectionString },
            SiloServices.GetRequiredService<Serializer>(),
            SiloServices.GetRequiredService<IActivatorProvider>(),
            TimeProvider.System,
            SiloServices.GetRequiredService<ILogger<PostgresGrainStorage>>());
        if (start) await store.StartAsync(CancellationToken.None);
        return store;
    }
}
