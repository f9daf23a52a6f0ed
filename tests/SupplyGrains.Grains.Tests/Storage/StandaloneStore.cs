using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using SupplyGrains.Grains.Storage;

namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>A store instance outside the silo's lifecycle: started on open, stopped (drained) on dispose.</summary>
public sealed class StandaloneStore : IAsyncDisposable
{
    private StandaloneStore(SqliteGrainStorage storage) => Storage = storage;

    public SqliteGrainStorage Storage { get; }

    public static async Task<StandaloneStore> OpenAsync(IServiceProvider services, string path, int maxBatchSize)
    {
        var storage = new SqliteGrainStorage(
            "standalone",
            new SqliteGrainStorageOptions { Path = path, MaxBatchSize = maxBatchSize },
            services.GetRequiredService<Serializer>(),
            services.GetRequiredService<IActivatorProvider>(),
            TimeProvider.System,
            services.GetRequiredService<ILogger<SqliteGrainStorage>>());
        await storage.StartAsync(CancellationToken.None);
        return new StandaloneStore(storage);
    }

    public Task StopAsync() => Storage.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync() => await StopAsync();
}
