using System.Text.Json;

namespace SupplyGrains.Silo.Tests;

/// <summary>The silo runs under the garbage collector settings its intake figures were measured with (bench/README.md §5).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void TheSilo_RunsServerGc_WithoutDynamicAdaptation()
    {
        // What the runtime reads when the silo starts: the build writes it next to the silo's assembly (and copies it here).
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SupplyGrains.Silo.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
    }

    [Fact]
    public void TheSilo_StartsWithASmallGen0Budget_FromTheReadmeAndFromItsImage()
    {
        // The runtime reads GCgen0size from the environment only, so each way of starting the silo for use sets it:
        // `dotnet run` (the README, the benchmarks) through the launch profile, containers through the image.
        using var launch = JsonDocument.Parse(File.ReadAllText(Repo.File("src/SupplyGrains.Silo/Properties/launchSettings.json")));
        var profile = launch.RootElement.GetProperty("profiles").GetProperty("SupplyGrains.Silo").GetProperty("environmentVariables");
        var dockerfile = File.ReadAllText(Repo.Ops("Dockerfile"));

        Assert.Equal(Gen0Budget, profile.GetProperty("DOTNET_GCgen0size").GetString());
        Assert.Matches($@"(?m)^\s*DOTNET_GCgen0size={Gen0Budget}\s*$", dockerfile);
    }

    // 4 MB, the budget bench/README.md §5 measured the paced p99 with.
    private const string Gen0Budget = "0x400000";
}
