namespace SupplyGrains.Silo.Demo;

/// <summary>Configuration section <c>Demo</c>: whether to load the story on an empty store, and from where.</summary>
public sealed class DemoOptions
{
    public bool LoadOnEmptyStore { get; set; } = true;

    /// <summary>Scenario file name (without <c>.json</c>) under <see cref="Path"/>/scenarios.</summary>
    public string Scenario { get; set; } = "h200-story";

    /// <summary>
    /// The highest shipped policy version the story starts under: v1 and v2 are history, v3 (the licence rule with
    /// its conditions) is the next step a compliance officer publishes, after previewing its impact.
    /// </summary>
    public int PolicyVersionsUpTo { get; set; } = 2;

    /// <summary>Folder holding <c>policies/v*.json</c> and <c>scenarios/*.json</c>; by default the copy of <c>ops/</c> next to the binaries.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "demo");
}
