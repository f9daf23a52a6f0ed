namespace SupplyGrains.Silo.Demo;

/// <summary>Configuration section <c>Demo</c>: whether to load the story on an empty store, and from where.</summary>
public sealed class DemoOptions
{
    public bool LoadOnEmptyStore { get; set; } = true;

    /// <summary>Scenario file name (without <c>.json</c>) under <see cref="Path"/>/scenarios.</summary>
    public string Scenario { get; set; } = "h200-story";

    /// <summary>Folder holding <c>policies/v*.json</c> and <c>scenarios/*.json</c>; by default the copy of <c>ops/</c> next to the binaries.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "demo");
}
