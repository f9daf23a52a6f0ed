using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using SupplyGrains.Grains.Storage;

namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>
/// One silo whose only grain store is SQLite, in a file under a fresh temporary folder (nested, so the store must
/// create the folder). Tests use their own grain keys, and their own files when they open stores of their own.
/// </summary>
public sealed class SqliteStorageClusterFixture : IAsyncLifetime
{
    public const string StorageName = StorageProbeGrain.StorageName;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"supplygrains-storage-{Guid.NewGuid():N}");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The silo's database file.</summary>
    public string DatabasePath => Path.Combine(_directory, "silo", "grains.db");

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    /// <summary>The store instance the silo's grains write through.</summary>
    public SqliteGrainStorage SiloStorage => (SqliteGrainStorage)SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageName);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var path = DatabasePath;
        builder.ConfigureSilo((_, silo) => silo.AddSqliteGrainStorage(StorageName, o => o.Path = path));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>A database file no other test uses (it does not exist yet).</summary>
    public string NewDatabasePath() => Path.Combine(_directory, "own", $"{Guid.NewGuid():N}.db");

    /// <summary>Opens a second store instance on <paramref name="path"/>, built from the silo's serializer and activators.</summary>
    public Task<StandaloneStore> OpenStoreAsync(string path, int maxBatchSize = 512) =>
        StandaloneStore.OpenAsync(SiloServices, path, maxBatchSize);

    public static string UniqueKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static GrainId NewGrainId() => GrainId.Create("storage-probe", Guid.NewGuid().ToString("N"));
}
