using System.CommandLine.Parsing;
using System.Globalization;
using SupplyGrains.Domain;

namespace SupplyGrains.Cli.CommandLine;

/// <summary>
/// Values the command line checks itself, so that a typo is a usage error naming the option (exit code 1) rather
/// than a round trip to the cluster.
/// </summary>
public static class Parsers
{
    public static IsoWeek Week(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (IsoWeek.TryParse(text, out var week)) return week;
        result.AddError($"'{text}' is not an ISO week; write YYYY-Www, e.g. 2026-W05.");
        return default;
    }

    public static string Id(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (!EntityId.IsValid(text)) result.AddError($"'{text}' is not a valid id: use {EntityId.Rule}.");
        return text;
    }

    public static string Country(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (!CountryCode.IsValid(text)) result.AddError($"'{text}': {CountryCode.Rule}.");
        return text;
    }

    /// <summary><c>CN=4000</c> (units per destination country over the run), repeatable.</summary>
    public static Dictionary<string, int> CountryQuota(ArgumentResult result)
    {
        var quota = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in result.Tokens.Select(t => t.Value))
        {
            var parts = token.Split('=');
            if (parts.Length != 2 || !CountryCode.IsValid(parts[0]) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var units))
                result.AddError($"'{token}' is not a country quota; write COUNTRY=UNITS, e.g. CN=4000.");
            else
                quota[parts[0]] = units;
        }
        return quota;
    }

    /// <summary><c>CN+MO:US=0.5</c>: CN and MO together get at most 0.5 × what US gets in a week, repeatable.</summary>
    public static List<Domain.Allocation.DestinationRatio> Ratios(ArgumentResult result)
    {
        var ratios = new List<Domain.Allocation.DestinationRatio>();
        foreach (var token in result.Tokens.Select(t => t.Value))
        {
            var sides = token.Split('=');
            var pair = sides[0].Split(':');
            var group = pair[0].Split('+');
            if (sides.Length != 2 || pair.Length != 2 || !group.All(CountryCode.IsValid) || !CountryCode.IsValid(pair[1])
                || !decimal.TryParse(sides[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ratio))
            {
                result.AddError($"'{token}' is not a destination ratio; write DEST[+DEST...]:RELATIVE_TO=RATIO, e.g. CN+MO:US=0.5.");
                continue;
            }
            ratios.Add(new(group[0], pair[1], ratio, group.Length > 1 ? group[1..] : null));
        }
        return ratios;
    }
}
