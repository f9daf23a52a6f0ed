namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// The country caps of a run, validated and in index form: the countries a quota or a ratio names (ordinal order, so
/// indexes do not depend on the order the caps arrived in), each country's quota as a shared cap numbered after the
/// licences, and the destination ratios ordered by destination.
/// </summary>
/// <remarks>
/// A ratio's destination side is its destination and the countries it names <see cref="DestinationRatio.Together"/>
/// with it: their lots count against the cap as one. Each country keeps its own index (and its own quota); only the
/// ratio sees them as a set. A country is on the destination side of at most one ratio and a reference is never itself
/// on a destination side, so destination sides and references are disjoint: the reference side of a ratio is never held
/// back by another ratio, which is what lets the filling treat it as the pace-maker of its destination side.
/// </remarks>
internal sealed class CountryCaps
{
    private readonly Dictionary<string, int> _index;

    private CountryCaps(string[] countries, int licenceCount)
    {
        Countries = countries;
        _index = new Dictionary<string, int>(countries.Length, StringComparer.Ordinal);
        for (var c = 0; c < countries.Length; c++) _index.Add(countries[c], c);
        QuotaCap = new int[countries.Length];
        QuotaUnits = new int[countries.Length];
        DestinationOf = new int[countries.Length];
        ReferenceOf = new int[countries.Length][];
        Array.Fill(QuotaCap, -1);
        Array.Fill(DestinationOf, -1);
        Array.Fill(ReferenceOf, []);
        LicenceCount = licenceCount;
    }

    /// <summary>Countries named by a quota or a ratio; every other destination is uncapped and has no index.</summary>
    public string[] Countries { get; }

    public int LicenceCount { get; }

    /// <summary>Shared caps of the run: licences first, then one per country quota.</summary>
    public int SharedCapCount { get; private set; }

    /// <summary>The country's quota as a shared cap index, or -1.</summary>
    public int[] QuotaCap { get; }

    public int[] QuotaUnits { get; }

    /// <summary>The ratio whose destination side the country is on (as its destination or together with it), or -1.</summary>
    public int[] DestinationOf { get; }

    /// <summary>The ratios the country is the reference (relativeTo) of.</summary>
    public int[][] ReferenceOf { get; }

    public int RatioCount => RatioDestinations.Length;

    /// <summary>
    /// Each ratio's destination side: its destination first, then the countries that count together with it (in
    /// ordinal order). A plain ratio has a side of one.
    /// </summary>
    public int[][] RatioDestinations { get; private set; } = [];

    public int[] RatioReference { get; private set; } = [];

    public decimal[] RatioMax { get; private set; } = [];

    /// <summary>The same ratios as doubles, for the continuous filling only (the ledger checks in decimals).</summary>
    public double[] RatioMaxApproximate { get; private set; } = [];

    /// <summary>Index of a destination country, or -1 when no cap names it.</summary>
    public int IndexOf(string destination)
    {
        // A run names a handful of countries: comparing two-letter codes beats hashing one per order.
        if (Countries.Length > 8) return _index.GetValueOrDefault(destination, -1);
        for (var c = 0; c < Countries.Length; c++)
        {
            if (string.Equals(Countries[c], destination, StringComparison.Ordinal)) return c;
        }
        return -1;
    }

    /// <exception cref="DomainValidationException">A negative quota, a malformed or contradictory ratio.</exception>
    public static CountryCaps From(AllocationCaps caps, int licenceCount)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        var quotas = caps.CountryQuota ?? new Dictionary<string, int>();
        foreach (var (country, units) in quotas)
        {
            if (!CountryCode.IsValid(country)) Fail($"caps.countryQuota.{country}", $"'{country}': {CountryCode.Rule}");
            if (units < 0) Fail($"caps.countryQuota.{country}", $"must not be negative ({units})");
        }

        var ratios = caps.DestinationRatio ?? [];
        // Every country on a destination side, with the ratio and the field that put it there.
        var destinationAt = new Dictionary<string, (int Ratio, string Field)>(StringComparer.Ordinal);
        for (var i = 0; i < ratios.Count; i++)
        {
            var field = $"caps.destinationRatio[{i}]";
            if (ratios[i] is not { } ratio)
            {
                Fail(field, "is required");
                continue;
            }
            if (!CountryCode.IsValid(ratio.Destination)) Fail($"{field}.destination", $"'{ratio.Destination}': {CountryCode.Rule}");
            if (!CountryCode.IsValid(ratio.RelativeTo)) Fail($"{field}.relativeTo", $"'{ratio.RelativeTo}': {CountryCode.Rule}");
            if (ratio.MaxRatio < 0) Fail($"{field}.maxRatio", $"must not be negative ({ratio.MaxRatio})");
            if (ratio.Destination == ratio.RelativeTo) Fail($"{field}.relativeTo", "must differ from destination");
            if (ratio.Destination is not null && !destinationAt.TryAdd(ratio.Destination, (i, $"{field}.destination")))
                Fail($"{field}.destination", AlreadyOnADestinationSide(ratio.Destination, destinationAt[ratio.Destination]));
            var together = ratio.Together ?? [];
            for (var j = 0; j < together.Count; j++)
            {
                var member = together[j];
                var memberField = $"{field}.together[{j}]";
                if (!CountryCode.IsValid(member)) Fail(memberField, $"'{member}': {CountryCode.Rule}");
                else if (member == ratio.Destination) Fail(memberField, "must differ from destination");
                else if (member == ratio.RelativeTo) Fail(memberField, "must differ from relativeTo");
                else if (!destinationAt.TryAdd(member, (i, memberField)))
                {
                    Fail(memberField, destinationAt[member].Ratio == i
                        ? $"{member} is already listed at {destinationAt[member].Field}"
                        : AlreadyOnADestinationSide(member, destinationAt[member]));
                }
            }
        }
        for (var i = 0; i < ratios.Count; i++)
        {
            if (ratios[i]?.RelativeTo is { } reference && destinationAt.TryGetValue(reference, out var other) && other.Ratio != i)
            {
                Fail($"caps.destinationRatio[{i}].relativeTo", other.Field.EndsWith(".destination", StringComparison.Ordinal)
                    ? $"{reference} is the destination of caps.destinationRatio[{other.Ratio}]; ratios do not chain"
                    : $"{reference} counts together with the destination of caps.destinationRatio[{other.Ratio}] ({other.Field}); ratios do not chain");
            }
        }
        if (errors.Count > 0) throw new DomainValidationException(errors);

        var named = new SortedSet<string>(quotas.Keys, StringComparer.Ordinal);
        foreach (var ratio in ratios)
        {
            named.Add(ratio!.Destination);
            named.Add(ratio.RelativeTo);
            named.UnionWith(ratio.Together ?? []);
        }
        var result = new CountryCaps([.. named], licenceCount);
        var cap = licenceCount;
        for (var c = 0; c < result.Countries.Length; c++)
        {
            if (!quotas.TryGetValue(result.Countries[c], out var units)) continue;
            result.QuotaCap[c] = cap++;
            result.QuotaUnits[c] = units;
        }
        result.SharedCapCount = cap;

        var ordered = ratios.Select(r => r!).OrderBy(r => r.Destination, StringComparer.Ordinal).ToArray();
        result.RatioDestinations = [.. ordered.Select(r => DestinationSide(result, r))];
        result.RatioReference = [.. ordered.Select(r => result.IndexOf(r.RelativeTo))];
        result.RatioMax = [.. ordered.Select(r => r.MaxRatio)];
        result.RatioMaxApproximate = [.. ordered.Select(r => (double)r.MaxRatio)];
        for (var k = 0; k < ordered.Length; k++)
        {
            foreach (var d in result.RatioDestinations[k]) result.DestinationOf[d] = k;
            result.ReferenceOf[result.RatioReference[k]] = [.. result.ReferenceOf[result.RatioReference[k]], k];
        }
        return result;
    }

    /// <summary>The ratio's destination, then its together members in ordinal order (so the caps' order of arrival does not matter).</summary>
    private static int[] DestinationSide(CountryCaps caps, DestinationRatio ratio)
    {
        if (ratio.Together is not { Count: > 0 } together) return [caps.IndexOf(ratio.Destination)];
        return [caps.IndexOf(ratio.Destination), .. together.Order(StringComparer.Ordinal).Select(caps.IndexOf)];
    }

    private static string AlreadyOnADestinationSide(string country, (int Ratio, string Field) first) =>
        first.Field.EndsWith(".destination", StringComparison.Ordinal)
            ? $"{country} is already the destination of caps.destinationRatio[{first.Ratio}]"
            : $"{country} already counts together with the destination of caps.destinationRatio[{first.Ratio}] ({first.Field})";
}
