using Orleans.TestingHost;
using SupplyGrains.Grains;
using SupplyGrains.Grains.Storage;

namespace SupplyGrains.Cli.Tests;

/// <summary>
/// One silo on the real SQLite store in a temporary file, with the story loaded through the CLI itself, as the
/// planner's walkthrough starts: policy v1 and v2 published, then <c>scenario load h200-story.json</c>.
/// </summary>
public sealed class StoryCluster : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"supplygrains-cli-{Guid.NewGuid():N}");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public Cli Cli { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "cli.db");
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(GrainStorage.Name, o => o.Path = path);
            silo.AddSupplyGrains();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Cli = new Cli(Cluster.Client);

        foreach (var args in new[]
        {
            new[] { "policy", "publish", "1", Story.Policy(1), "--as", "story-setup" },
            ["policy", "publish", "2", Story.Policy(2), "--wait", "--as", "story-setup"],
            ["scenario", "load", Story.Scenario("h200-story"), "--as", "story-setup"],
        })
        {
            var result = await Cli.Run(args);
            if (result.ExitCode != ExitCode.Ok) throw new InvalidOperationException($"Loading the story failed: {string.Join(' ', args)}\n{result}");
        }
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>A key no other test uses: <c>{prefix}-{random}</c>, within the id rule.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}

/// <summary>Tests that read the story or work on their own product lines; none changes the story's H200 book or the policy.</summary>
[CollectionDefinition(Name)]
public sealed class StoryCollection : ICollectionFixture<StoryCluster>
{
    public const string Name = "story";
}

/// <summary>The walkthrough changes the story (approvals, commits, the supply shock, policy v3), so it has a cluster of its own.</summary>
[CollectionDefinition(Name)]
public sealed class WalkthroughCollection : ICollectionFixture<StoryCluster>
{
    public const string Name = "walkthrough";
}
