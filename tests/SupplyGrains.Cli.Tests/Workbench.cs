namespace SupplyGrains.Cli.Tests;

/// <summary>
/// A product line and customers of a test's own, defined through <c>scenario load</c>, so that its orders never touch
/// the story's books: a US buyer (its orders pass every gate), and a military-affiliated one in CN (screening fails it).
/// No export or import rule names the product line, so only screening and diversion decide.
/// </summary>
public sealed record Workbench(string Name, string ProductLine, string UsBuyer, string MilitaryBuyer)
{
    public const int LotSize = 8;

    public static Workbench Create()
    {
        var name = StoryCluster.Unique("wb");
        return new Workbench(name, StoryCluster.Unique("pl"), StoryCluster.Unique("us"), StoryCluster.Unique("mil"));
    }

    /// <summary>The scenario document that defines it, with <paramref name="orders"/> (JSON members) as its orders section.</summary>
    public string ScenarioFile(string orders = "") => Story.File($"{Name}.json", $$"""
        {
          "name": "{{Name}}",
          "productLines": { "{{ProductLine}}": { "name": "Test", "family": "Test", "stage": "Ramp", "tpp": 15832, "lotSize": {{LotSize}} } },
          "customers": {
            "{{UsBuyer}}": { "name": "US Buyer {{UsBuyer}}", "aliases": [], "country": "US", "entityType": "Private", "tier": 1, "weight": 1, "pastPurchases": 0 },
            "{{MilitaryBuyer}}": { "name": "Institute {{MilitaryBuyer}}", "aliases": [], "country": "CN", "entityType": "MilitaryAffiliated", "tier": 2, "weight": 1, "pastPurchases": 0 }
          },
          "orders": { {{orders}} }
        }
        """);

    public async Task Load(Cli cli) => (await cli.Run("scenario", "load", ScenarioFile())).AssertExit(ExitCode.Ok);
}
