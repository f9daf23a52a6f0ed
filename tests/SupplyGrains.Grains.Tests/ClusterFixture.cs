using Orleans.TestingHost;
using SupplyGrains.Grains.Storage;

namespace SupplyGrains.Grains.Tests;

/// <summary>
/// One silo for every grain test, on the real SQLite store in a temporary file. Tests use unique keys
/// (<see cref="Unique"/>) so they never see each other's state.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"supplygrains-grains-{Guid.NewGuid():N}");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public PolicyBook Policies { get; private set; } = null!;

    /// <summary>The silo's SQLite file, for tests that check what is on file.</summary>
    public string DatabasePath => Path.Combine(_directory, "grains.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var builder = new InProcessTestClusterBuilder(1);
        var path = DatabasePath;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(GrainStorage.Name, o => o.Path = path);
            silo.AddSupplyGrains();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Policies = new PolicyBook(Client);
        await Policies.Publish(); // orders wait while no policy is in force
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>A key no other test uses: <c>{prefix}-{random}</c>, within the id rule.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
