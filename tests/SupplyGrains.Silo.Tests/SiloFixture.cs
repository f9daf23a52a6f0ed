namespace SupplyGrains.Silo.Tests;

/// <summary>A silo process with the demo story loaded, shared by the tests of one collection.</summary>
public class SiloFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new();

    public SiloProcess Silo { get; private set; } = null!;

    public HttpClient As(string? key) => Silo.Client(key);

    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(_data.Database);

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>The story as loaded, read but never changed, so its orders stay as the rules decided them.</summary>
[CollectionDefinition(Name)]
public sealed class StoryCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "story (read-only)";
}

/// <summary>A second silo for tests that change things: workflows, runs, bad input, auth, metrics.</summary>
[CollectionDefinition(Name)]
public sealed class WorkflowCollection : ICollectionFixture<WorkflowFixture>
{
    public const string Name = "workflow";
}

public sealed class WorkflowFixture : SiloFixture;
