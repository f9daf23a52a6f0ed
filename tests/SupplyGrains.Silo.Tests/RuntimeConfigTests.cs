using System.Text.Json;

namespace SupplyGrains.Silo.Tests;

/// <summary>The silo runs under the garbage collector its intake figures were measured with (bench/README.md §5).</summary>
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
}
