using System.Globalization;
using System.Text.RegularExpressions;

namespace SupplyGrains.Silo.Tests;

/// <summary>A Prometheus text scrape, read the way a test needs it: the samples of one series name with their labels.</summary>
public sealed partial class Scrape(string text)
{
    public string Text { get; } = text;

    public static async Task<Scrape> Of(HttpClient http) => new(await http.GetStringAsync("/metrics"));

    /// <summary>Every sample of <paramref name="name"/> (exact name) whose labels include all of <paramref name="labels"/>.</summary>
    public IEnumerable<(IReadOnlyDictionary<string, string> Labels, double Value)> Samples(string name, params (string Label, string Value)[] labels) =>
        Text.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name)
            .Select(m => ((IReadOnlyDictionary<string, string>)Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
                double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))
            .Where(s => labels.All(l => s.Item1.TryGetValue(l.Label, out var value) && value == l.Value));

    /// <summary>The one sample of <paramref name="name"/> with <paramref name="labels"/>; fails when there is none or several.</summary>
    public double Value(string name, params (string Label, string Value)[] labels) => Assert.Single(Samples(name, labels)).Value;

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)")]
    private static partial Regex Sample();

    [GeneratedRegex("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Label();
}
