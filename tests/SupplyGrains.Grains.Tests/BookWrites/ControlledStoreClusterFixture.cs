using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Tests.BookWrites;

/// <summary>
/// One silo whose grain store is a <see cref="ControlledGrainStorage"/>, so tests can freeze the allocation book's
/// writes and see who waits for them. It also counts the book entries each allocation grain has received, so a test
/// knows when its calls have arrived before it lets a write through.
/// </summary>
public sealed class ControlledStoreClusterFixture : IAsyncLifetime
{
    // Filled in by the silo (built inside the cluster, in this process): the calls it saw.
    private readonly ConcurrentDictionary<GrainId, int> _received = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public ControlledGrainStorage Storage { get; private set; } = null!;

    /// <summary>Upsert calls the allocation grain has started on, since the silo started.</summary>
    public int UpsertsReceived(IAllocationGrain allocation) => _received.GetValueOrDefault(allocation.GetGrainId());

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddGrainStorage(GrainStorage.Name, (sp, _) => new ControlledGrainStorage(sp.GetRequiredService<Serializer>()));
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddSingleton<SupplyGrainsMetrics>();
            silo.AddIncomingGrainCallFilter(context =>
            {
                if (context.InterfaceMethod?.Name is nameof(IAllocationGrain.Upsert) or nameof(IAllocationGrain.UpsertMany))
                    _received.AddOrUpdate(context.TargetId, 1, (_, n) => n + 1);
                return context.Invoke();
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Storage = (ControlledGrainStorage)Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ControlledStoreCollection : ICollectionFixture<ControlledStoreClusterFixture>
{
    public const string Name = "controlled store";
}
