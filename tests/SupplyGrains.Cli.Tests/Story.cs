namespace SupplyGrains.Cli.Tests;

/// <summary>The story's files as the build copied them (from ops/), and a scratch directory for files a test writes.</summary>
public static class Story
{
    public static string Policy(int version) => Path.Combine(AppContext.BaseDirectory, "story", "policies", $"v{version}.json");

    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "story", "examples", name);

    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "story", "scenarios", $"{name}.json");

    /// <summary>Writes <paramref name="content"/> to a new file under the temporary directory and returns its path.</summary>
    public static string File(string name, string content)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"supplygrains-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }
}
