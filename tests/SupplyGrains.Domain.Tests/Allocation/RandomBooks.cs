using System.Globalization;
using System.Text;
using CsCheck;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Tests.Allocation;

/// <summary>
/// Random order books for the property tests: customers in tiers 1–3 with weights and purchase histories, each with a
/// home country its orders mostly go to, orders of whole lots (some for weeks after the run, some already filled),
/// licences often shared between customers (some unknown), an optional customer share, country quotas and destination
/// ratios (none, one or two, some zero, one set a chain would break, some with countries that count together with the
/// destination), and 1–4 weeks of released supply in odd units.
/// </summary>
internal static class RandomBooks
{
    private static readonly DateTimeOffset Opening = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly string[] Countries = ["CN", "US", "DE", "MO"];

    private static readonly Gen<(int Tier, decimal Weight, long PastPurchases, int Home)> Customer = Gen.Select(
        Gen.Int[1, 3],
        Gen.Int[1, 30].Select(tenths => tenths / 10m),
        Gen.Frequency((1, Gen.Const(0L)), (3, Gen.Int[1, 500].Select(p => (long)p))),
        Gen.Int[0, Countries.Length - 1]);

    // Valid sets of ratios by destination, the countries together with it, and reference (a country is on the
    // destination side of one ratio at most, and no reference is itself on a destination side); no ratio at all is
    // drawn about as often as any set.
    private static readonly (string Destination, string[] Together, string RelativeTo)[][] RatioSets =
    [
        [], [], [], [], [("CN", [], "US")], [("CN", [], "US")], [("CN", [], "US"), ("MO", [], "US")], [("CN", [], "DE")], [("MO", [], "CN")],
        [("CN", [], "US"), ("MO", [], "DE")], [("DE", [], "US")], [("US", [], "CN")],
        // Grouped: CN and MO together (the H200's licence condition), a side of three, and a group beside a plain ratio.
        [("CN", ["MO"], "US")], [("CN", ["MO"], "US")], [("MO", ["CN"], "DE")], [("CN", ["DE", "MO"], "US")],
        [("CN", ["MO"], "US"), ("DE", [], "US")], [("US", ["DE"], "MO")],
    ];

    private static readonly Gen<DestinationRatio[]> Ratios =
        from set in Gen.Int[0, RatioSets.Length - 1]
        from tenths in Gen.Frequency((1, Gen.Const(0)), (6, Gen.Int[1, 30])).Array[2]
        select RatioSets[set].Select((r, i) =>
            new DestinationRatio(r.Destination, r.RelativeTo, tenths[i] / 10m, r.Together.Length > 0 ? r.Together : null)).ToArray();

    // A negative draw leaves the country without a quota.
    private static readonly Gen<Dictionary<string, int>> Quotas =
        Gen.Frequency((2, Gen.Int[-1, -1]), (1, Gen.Int[0, 80])).Array[Countries.Length]
            .Select(units => Countries.Select((c, i) => (Country: c, Units: units[i])).Where(q => q.Units >= 0).ToDictionary(q => q.Country, q => q.Units));

    private static readonly Gen<decimal?> Share = Gen.Frequency(
        (2, Gen.Const((decimal?)null)),
        (1, Gen.Int[5, 100].Select(percent => (decimal?)(percent / 100m))));

    public static Gen<AllocationProblem> Problems(Gen<AllocationStrategy> strategy) =>
        from lotSize in Gen.Int[1, 8]
        from weeks in Gen.Int[1, 4]
        from customers in Customer.Array[1, 8]
        from licences in Gen.Int[-10, 60].Array[0, 4]
        from orders in Gen.Select(Gen.Int[0, customers.Length - 1], Gen.Int[0, 12], Gen.Int[-licences.Length - 1, licences.Length - 1],
            Gen.Int[-1, weeks], Gen.Int[0, 20], Gen.Int[-8, Countries.Length - 1]).Array[0, 24]
        from released in Gen.Int[0, 150].Array[weeks]
        from share in Share
        from quotas in Quotas
        from ratios in Ratios
        from chosen in strategy
        select new AllocationProblem(
            Scenario.Week1,
            Scenario.Week1.AddWeeks(weeks - 1),
            // A week that releases nothing is left out of the dictionary, which must mean zero.
            released.Select((units, i) => (Week: Scenario.Week1.AddWeeks(i), Units: units)).Where(x => x.Units != 0)
                .ToDictionary(x => x.Week, x => x.Units),
            lotSize,
            orders.Select((o, i) => new DemandLine(
                $"o{i:00}", $"c{o.Item1}", customers[o.Item1].Tier, customers[o.Item1].Weight, customers[o.Item1].PastPurchases,
                Scenario.Week1.AddWeeks(o.Item4), Opening.AddMinutes(o.Item5), o.Item2 * lotSize,
                // Mostly the customer's home country; a negative draw keeps it there.
                Countries[o.Item6 >= 0 ? o.Item6 : customers[o.Item1].Home],
                o.Item3 >= 0 ? $"L{o.Item3}" : null)).ToList(),
            // A negative draw leaves the licence out: a licence the run knows nothing of covers nothing.
            licences.Select((units, i) => (Id: $"L{i}", Units: units)).Where(x => x.Units >= 0).ToDictionary(x => x.Id, x => x.Units),
            new AllocationCaps(share, quotas.Count > 0 ? quotas : null, ratios.Length > 0 ? ratios : null),
            chosen);

    public static readonly Gen<AllocationProblem> FairShare = Problems(Gen.Const(AllocationStrategy.FairShare));

    public static readonly Gen<AllocationProblem> AnyStrategy = Problems(Gen.Enum<AllocationStrategy>());

    /// <summary>A failing book written out so it can be read and turned into a unit test.</summary>
    public static string Describe(AllocationProblem problem)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{problem.Strategy} {problem.FromWeek}..{problem.ToWeek} lot {problem.LotSize} share {problem.Caps.MaxCustomerShare}\n");
        text.Append("quotas: ").AppendJoin(", ", (problem.Caps.CountryQuota ?? new Dictionary<string, int>()).OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}")).Append('\n');
        text.Append("ratios: ").AppendJoin(", ", (problem.Caps.DestinationRatio ?? [])
            .Select(r => $"{string.Join("+", new[] { r.Destination }.Concat(r.Together ?? []))}<={r.MaxRatio}x{r.RelativeTo}")).Append('\n');
        text.Append("released: ").AppendJoin(", ", problem.ReleasedSupply.OrderBy(r => r.Key).Select(r => $"{r.Key}={r.Value}")).Append('\n');
        text.Append("licences: ").AppendJoin(", ", problem.LicenseRemaining.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")).Append('\n');
        foreach (var d in problem.Demand)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{d.OrderId} {d.CustomerId} tier {d.Tier} w {d.Weight} past {d.PastPurchases} week {d.RequestedWeek} at {d.SubmittedAt:HH:mm} wants {d.Remaining} to {d.Destination} licence {d.LicenseId}\n");
        }
        return text.ToString();
    }
}
