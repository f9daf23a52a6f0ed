using System.Text.RegularExpressions;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// A scrape of <c>/metrics</c> in Prometheus' text format split into its metric families: each family's lines, type,
/// and the meter it came from (the <c>otel_scope_name</c> label the OpenTelemetry exporter puts on every sample).
/// </summary>
public sealed partial class MetricFamilies
{
    private MetricFamilies(IReadOnlyDictionary<string, MetricFamily> families) => Families = families;

    public IReadOnlyDictionary<string, MetricFamily> Families { get; }

    /// <summary>Every name a sample carries: a histogram's <c>_bucket</c>, <c>_sum</c> and <c>_count</c>, a counter's <c>_total</c>.</summary>
    public IReadOnlySet<string> SampleNames => Families.Values.SelectMany(f => f.SampleNames).ToHashSet(StringComparer.Ordinal);

    public static MetricFamilies Parse(string text)
    {
        var families = new Dictionary<string, MetricFamily>(StringComparer.Ordinal);
        MetricFamily? current = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Metadata().Match(line) is { Success: true } metadata)
            {
                current = Family(metadata.Groups["name"].Value);
                if (metadata.Groups["kind"].Value == "TYPE") current.Type = metadata.Groups["rest"].Value.Trim();
                current.Lines.Add(line);
                continue;
            }
            if (line.StartsWith('#')) continue;
            var name = SampleName().Match(line).Value;
            if (current is null || !name.StartsWith(current.Name, StringComparison.Ordinal)) current = Family(name);
            current.SampleNames.Add(name);
            current.Scope ??= Scope().Match(line) is { Success: true } scope ? scope.Groups[1].Value : null;
            current.Lines.Add(line);
        }
        return new MetricFamilies(families);

        MetricFamily Family(string name)
        {
            if (!families.TryGetValue(name, out var family)) families[name] = family = new MetricFamily(name);
            return family;
        }
    }

    /// <summary>The exposition text again, as promtool reads it.</summary>
    public string Text() => string.Concat(Families.Values.SelectMany(f => f.Lines).Select(l => l + "\n"));

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) ?(?<rest>.*)$")]
    private static partial Regex Metadata();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();

    [GeneratedRegex("otel_scope_name=\"([^\"]*)\"")]
    private static partial Regex Scope();
}

/// <summary>One metric family of a scrape.</summary>
public sealed class MetricFamily(string name)
{
    public string Name { get; } = name;

    public string? Type { get; set; }

    /// <summary>The meter it came from (<c>SupplyGrains</c>, <c>Microsoft.Orleans</c>, <c>System.Runtime</c>, ...); null for <c>target_info</c>.</summary>
    public string? Scope { get; set; }

    public HashSet<string> SampleNames { get; } = new(StringComparer.Ordinal);

    public List<string> Lines { get; } = [];
}
